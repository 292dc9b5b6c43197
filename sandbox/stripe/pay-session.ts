import type Stripe from "stripe";
import { cardOutcome } from "./cards";
import type { SimulatorContext } from "./context";
import { newId } from "./ids";
import { buildCharge } from "./payment-objects";
import { findSession, snapshot } from "./store";

export type PaymentAttempt =
  | {
      outcome: "paid";
      session: Stripe.Checkout.Session;
      event: Stripe.CheckoutSessionCompletedEvent;
      /** `success_url` with `{CHECKOUT_SESSION_ID}` filled in, where the buyer is sent. */
      redirectUrl: string;
    }
  | {
      outcome: "declined" | "invalid_card" | "invalid_email" | "not_open";
      /** What the checkout page shows the buyer. */
      message: string;
      session: Stripe.Checkout.Session;
    };

/**
 * The buyer submits the checkout form. A good card completes the session and emits
 * `checkout.session.completed`; anything else leaves it open with a message and no event.
 */
export function attemptPayment(
  context: SimulatorContext,
  sessionId: string,
  entry: { card: string; email: string | null },
): PaymentAttempt {
  const record = findSession(context.store, sessionId);
  const { session } = record;
  const refuse = (outcome: Exclude<PaymentAttempt["outcome"], "paid">, message: string) =>
    ({ outcome, message, session: snapshot(session) }) as const;

  if (session.status === "complete") return refuse("not_open", "This session is already paid.");
  if (session.status !== "open") return refuse("not_open", "This checkout session has expired.");
  // A session created with `customer_email` does not let the buyer change it, as on Stripe.
  const email = (session.customer_email ?? entry.email ?? "").trim();
  if (email === "") return refuse("invalid_email", "Your email is incomplete.");
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return refuse("invalid_email", "Your email address is invalid.");
  }
  const card = cardOutcome(entry.card);
  if (card.kind === "declined") return refuse("declined", card.message);
  if (card.kind === "invalid") return refuse("invalid_card", card.message);

  const paymentIntentId = newId("pi_");
  const charge = buildCharge({
    amount: session.amount_total ?? 0,
    currency: session.currency ?? record.input.currency,
    paymentIntentId,
    paymentMethodId: newId("pm_"),
    email,
    description: record.input.paymentIntent.description,
    metadata: record.input.paymentIntent.metadata,
    last4: card.last4,
    created: context.nowSeconds(),
  });
  context.store.payments.set(paymentIntentId, {
    sessionId,
    paymentIntentId,
    charge,
    refunds: [],
  });

  session.status = "complete";
  session.payment_status = "paid";
  session.payment_intent = paymentIntentId;
  session.url = null;
  session.customer_details = {
    address: null,
    business_name: null,
    email,
    individual_name: null,
    name: null,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };
  const event = context.events.emit("checkout.session.completed", { object: snapshot(session) });
  const redirectUrl = (session.success_url ?? "").replaceAll("{CHECKOUT_SESSION_ID}", sessionId);
  return { outcome: "paid", session: snapshot(session), event, redirectUrl };
}
