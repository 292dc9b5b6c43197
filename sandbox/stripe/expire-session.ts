import type Stripe from "stripe";
import { invalidState } from "./api-error";
import type { SimulatorContext } from "./context";
import { NO_REQUEST } from "./event-log";
import { snapshot, type SessionRecord } from "./store";

/** Expires an open session and emits `checkout.session.expired`. */
export function expireSession(
  context: SimulatorContext,
  record: SessionRecord,
  request: Stripe.Event.Request = NO_REQUEST,
): Stripe.CheckoutSessionExpiredEvent {
  const { session } = record;
  if (session.status !== "open") {
    throw invalidState(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
    );
  }
  session.status = "expired";
  // Stripe's `url` is only present while the session can still be paid.
  session.url = null;
  return context.events.emit("checkout.session.expired", { object: snapshot(session) }, request);
}

/**
 * Expires the open sessions whose `expires_at` has passed, as Stripe does on its own. Run before
 * every request, so moving the simulator's clock is enough to make a session lapse.
 */
export function expireDueSessions(context: SimulatorContext): void {
  const now = context.nowSeconds();
  for (const record of context.store.sessions.values()) {
    if (record.session.status === "open" && record.session.expires_at <= now) {
      expireSession(context, record);
    }
  }
}
