import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { stripeEvents } from "@/db/schema/payments";
import { transitionOrder } from "@/lib/orders/transition-order";
import { releaseStock } from "@/lib/orders/stock";
import { enqueue } from "@/lib/jobs/outbox";
import { orderExpiredBuyerNotice, paymentFailedBuyerNotice } from "@/lib/orders/buyer-notices";
import { markPaid } from "./mark-paid";
import { markRefunded } from "./mark-refunded";
import { lockSessionOrder, stripeActor } from "./session-order";

export type StripeEventOutcome = "processed" | "duplicate" | "ignored";

type Effect = (tx: Database, event: Stripe.Event) => Promise<void>;

// An expired session or failed payment gives the reserved stock back; only the order's
// current session counts, since a re-opened order has a newer one (and a session that merely
// names the order is not one of its own).
async function endUnpaid(
  tx: Database,
  session: Stripe.Checkout.Session,
  to: "expired" | "payment_failed",
) {
  const order = await lockSessionOrder(tx, session);
  if (!order || order.status !== "pending_payment") return;
  if (order.stripeCheckoutSessionId !== session.id) return;
  await transitionOrder(tx, order, to, stripeActor);
  await releaseStock(tx, order);
  const notice = to === "expired" ? orderExpiredBuyerNotice : paymentFailedBuyerNotice;
  await enqueue(tx, notice.of({ orderId: order.id, variant: session.id }));
}

const effects: Partial<Record<Stripe.Event.Type, Effect>> = {
  "checkout.session.completed": async (tx, event) => {
    const session = event.data.object as Stripe.Checkout.Session;
    // Delayed methods (SEPA debit, …) complete the session unpaid; async_payment_* follows.
    if (session.payment_status === "paid" || session.payment_status === "no_payment_required") {
      await markPaid(tx, session);
    }
  },
  "checkout.session.async_payment_succeeded": async (tx, event) => {
    await markPaid(tx, event.data.object as Stripe.Checkout.Session);
  },
  "checkout.session.async_payment_failed": (tx, event) =>
    endUnpaid(tx, event.data.object as Stripe.Checkout.Session, "payment_failed"),
  "checkout.session.expired": (tx, event) =>
    endUnpaid(tx, event.data.object as Stripe.Checkout.Session, "expired"),
  "charge.refunded": (tx, event) => markRefunded(tx, event.data.object as Stripe.Charge),
};

/** The event types the app acts on: Stripe's webhook endpoint must send all of them. */
export const handledStripeEventTypes = Object.keys(effects) as Stripe.Event.Type[];

/**
 * Applies a verified Stripe event exactly once: its id is recorded in the same transaction
 * as its effect, so a redelivered event finds the id and does nothing, and a failure leaves
 * neither, so Stripe's retry applies it. Unknown types are acknowledged and ignored.
 */
export async function handleStripeEvent(
  db: Database,
  event: Stripe.Event,
): Promise<StripeEventOutcome> {
  const effect = effects[event.type];
  if (!effect) return "ignored";
  return db.transaction(async (tx) => {
    const recorded = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (recorded.length === 0) return "duplicate";
    await effect(tx, event);
    return "processed";
  });
}
