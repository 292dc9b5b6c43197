import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { orders, type Order } from "@/db/schema/orders";
import { stripeEvents } from "@/db/schema/payments";
import { logger } from "@/lib/platform/logger";
import { canTransition } from "@/lib/orders/order-status";
import { lockOrder, transitionOrder } from "@/lib/orders/transition-order";
import { releaseStock, reserveStock } from "@/lib/orders/stock";
import { enqueue } from "@/lib/jobs/outbox";
import {
  orderExpiredBuyerNotice,
  orderPaidBuyerNotice,
  orderRefundedBuyerNotice,
  paymentFailedBuyerNotice,
} from "@/lib/orders/buyer-notices";
import { orderPaidSellerNotice } from "@/lib/orders/seller-notices";
import { issueInvoiceJob } from "@/lib/invoices/issue-invoice";
import { addLogFields } from "@/lib/platform/request-context";

export type StripeEventOutcome = "processed" | "duplicate" | "ignored";

type Effect = (tx: Database, event: Stripe.Event) => Promise<void>;

const stripeActor = { kind: "stripe" } as const;

// Our order id travels in the session's metadata and client_reference_id, and in the
// PaymentIntent's metadata (for refunds); the payment intent id is the last resort.
function orderIdOfSession(session: Stripe.Checkout.Session): string | undefined {
  return session.metadata?.order_id ?? session.client_reference_id ?? undefined;
}

function paymentIntentId(value: string | { id: string } | null | undefined) {
  return typeof value === "string" ? value : value?.id;
}

/**
 * Records a paid Checkout Session on its order, once: the webhook's effect, and what
 * reconciliation repairs with when a webhook never arrived. Returns the order it paid, or
 * undefined when there was nothing to do.
 */
export async function markPaid(
  tx: Database,
  session: Stripe.Checkout.Session,
  note?: string,
): Promise<Order | undefined> {
  const order = await lockSessionOrder(tx, session);
  if (!order) return undefined;
  if (order.status === "expired" || order.status === "payment_failed") {
    return markPaidLate(tx, order, session, note);
  }
  if (order.status !== "pending_payment") {
    // Already paid (a late duplicate under another event id) or moved on: nothing to do,
    // but a payment for an order that was cancelled or expired needs a human.
    if (!canTransition(order.status, "paid") && order.status !== "paid") {
      logger.warn(
        { orderId: order.id, status: order.status, sessionId: session.id },
        "payment received for an order that is no longer awaiting payment",
      );
    }
    return undefined;
  }
  return recordPayment(tx, order, session, note);
}

// The buyer paid after we had given the checkout up (and its stock back): the money is real,
// so the order is paid. The stock is taken again if it is still there; if not, the seller
// sees on the order that it was sold twice and decides (restock or refund).
async function markPaidLate(
  tx: Database,
  order: Order,
  session: Stripe.Checkout.Session,
  note?: string,
) {
  const inStock = await reserveStock(tx, order.productId, order.quantity);
  const notes = [
    note,
    "paid after its checkout had been given up",
    inStock ? undefined : "the stock was gone meanwhile: restock or refund",
  ];
  logger.warn(
    { orderId: order.id, sessionId: session.id, from: order.status, inStock },
    "late payment recorded",
  );
  return recordPayment(tx, order, session, notes.filter(Boolean).join("; "));
}

// The order becomes paid; the buyer and seller are told in Telegram and the invoice is made,
// all queued in the same transaction as the payment.
async function recordPayment(
  tx: Database,
  order: Order,
  session: Stripe.Checkout.Session,
  note: string | undefined,
) {
  const paid = await transitionOrder(
    tx,
    order,
    "paid",
    stripeActor,
    { paidAt: new Date(), stripePaymentIntentId: paymentIntentId(session.payment_intent) ?? null },
    note,
  );
  await enqueue(
    tx,
    orderPaidBuyerNotice.of({ orderId: paid.id }),
    orderPaidSellerNotice.of({ orderId: paid.id }),
    issueInvoiceJob.of({ orderId: paid.id }),
  );
  return paid;
}

async function lockSessionOrder(tx: Database, session: Stripe.Checkout.Session) {
  const orderId = orderIdOfSession(session);
  const order = orderId ? await lockOrder(tx, orderId) : undefined;
  if (!order) {
    logger.warn({ sessionId: session.id }, "Stripe session for an unknown order");
    return undefined;
  }
  addLogFields({ orderId: order.id, sellerId: order.sellerId });
  return order;
}

// An expired session or failed payment gives the reserved stock back; only the order's
// current session counts, since a re-opened order has a newer one.
async function endUnpaid(
  tx: Database,
  session: Stripe.Checkout.Session,
  to: "expired" | "payment_failed",
) {
  const order = await lockSessionOrder(tx, session);
  if (!order || order.status !== "pending_payment") return;
  if (order.stripeCheckoutSessionId && order.stripeCheckoutSessionId !== session.id) return;
  await transitionOrder(tx, order, to, stripeActor);
  await releaseStock(tx, order);
  const notice = to === "expired" ? orderExpiredBuyerNotice : paymentFailedBuyerNotice;
  await enqueue(tx, notice.of({ orderId: order.id, variant: session.id }));
}

async function markRefunded(tx: Database, charge: Stripe.Charge) {
  let order: Order | undefined;
  const orderId = charge.metadata?.order_id;
  if (orderId) order = await lockOrder(tx, orderId);
  const intent = paymentIntentId(charge.payment_intent);
  if (!order && intent) {
    const found = await tx.query.orders.findFirst({
      where: eq(orders.stripePaymentIntentId, intent),
    });
    order = found && (await lockOrder(tx, found.id));
  }
  if (!order) {
    logger.warn({ chargeId: charge.id }, "refund for a charge we cannot map to an order");
    return;
  }
  addLogFields({ orderId: order.id, sellerId: order.sellerId });
  // Partial refunds leave the order as it is; Stripe's dashboard shows them.
  if (!charge.refunded || order.status === "refunded") return;
  await transitionOrder(tx, order, "refunded", stripeActor, {
    stripePaymentIntentId: order.stripePaymentIntentId ?? intent ?? null,
  });
  await enqueue(tx, orderRefundedBuyerNotice.of({ orderId: order.id }));
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
