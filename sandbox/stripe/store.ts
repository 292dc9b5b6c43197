import type Stripe from "stripe";
import { resourceMissing } from "./api-error";
import type { SessionInput } from "./session-params";

export interface SessionRecord {
  session: Stripe.Checkout.Session;
  lineItems: Stripe.LineItem[];
  input: SessionInput;
}

/** A completed payment: the PaymentIntent Checkout created and the charge it made. */
export interface PaymentRecord {
  sessionId: string;
  paymentIntentId: string;
  charge: Stripe.Charge;
  refunds: Stripe.Refund[];
}

/** Everything the simulator knows, in memory; Maps keep creation order, which lists rely on. */
export interface Store {
  sessions: Map<string, SessionRecord>;
  payments: Map<string, PaymentRecord>;
}

export function createStore(): Store {
  return { sessions: new Map(), payments: new Map() };
}

export function findSession(store: Store, id: string, param = "session"): SessionRecord {
  const record = store.sessions.get(id);
  if (!record) throw resourceMissing("checkout.session", id, param);
  return record;
}

/**
 * Objects leave the simulator as copies: an event must keep the state it was sent with, and a
 * caller mutating a returned session must not change the stored one.
 */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}
