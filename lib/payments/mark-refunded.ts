import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { orders, type Order } from "@/db/schema/orders";
import { logger } from "@/lib/platform/logger";
import { holdsUnpaidStock } from "@/lib/orders/order-status";
import { lockOrder, transitionOrder } from "@/lib/orders/transition-order";
import { releaseStock } from "@/lib/orders/stock";
import { enqueue } from "@/lib/jobs/outbox";
import { issueCreditNoteJob } from "@/lib/invoices/issue-credit-note";
import {
  orderPartlyRefundedBuyerNotice,
  orderRefundedBuyerNotice,
} from "@/lib/orders/buyer-notices";
import {
  lastRefundRequestTellsBuyer,
  refundedAmount,
  refundRecordedAction,
} from "@/lib/orders/refunded-amount";
import { recordAudit } from "@/lib/platform/record-audit";
import { addLogFields } from "@/lib/platform/request-context";
import { paymentIntentId, stripeActor } from "./session-order";

async function orderOfCharge(tx: Database, charge: Stripe.Charge, intent: string | undefined) {
  let order: Order | undefined;
  const orderId = charge.metadata?.order_id;
  if (orderId) order = await lockOrder(tx, orderId);
  if (!order && intent) {
    const found = await tx.query.orders.findFirst({
      where: eq(orders.stripePaymentIntentId, intent),
    });
    order = found && (await lockOrder(tx, found.id));
  }
  return order;
}

// What the timeline says when a refund closes an order that had not been paid as such.
function refundNote(order: Order) {
  if (order.paidAt) return undefined;
  if (order.status === "cancelled") return "a payment that came after the cancellation went back";
  if (holdsUnpaidStock(order.status)) {
    return "refunded before its payment was recorded; its reserved stock is released";
  }
  return "refunded before its payment was recorded";
}

/**
 * Records how much of the order's payment has gone back (the charge's cumulative
 * amount_refunded: the orders table has no column for it). A full refund closes the order as
 * refunded; a partial one leaves its status. The buyer is told each time, unless the seller's
 * request said not to, and an invoiced order gets a credit note for each step. A refund can be
 * the first we hear of a payment (Stripe delivers out of order): an order still holding its
 * stock for the checkout gives it back, so the refunded sale does not keep it forever.
 */
export async function markRefunded(tx: Database, charge: Stripe.Charge) {
  const intent = paymentIntentId(charge.payment_intent);
  const order = await orderOfCharge(tx, charge, intent);
  if (!order) {
    logger.warn({ chargeId: charge.id }, "refund for a charge we cannot map to an order");
    return;
  }
  addLogFields({ orderId: order.id, sellerId: order.sellerId });
  if (intent && order.stripePaymentIntentId && intent !== order.stripePaymentIntentId) {
    // A second payment for the order (flagged when it came) went back: the order's own
    // payment stands.
    logger.info({ chargeId: charge.id }, "refund of another payment than the order's");
    return;
  }
  const before = await refundedAmount(tx, order.id);
  // An older event delivered late says less than we know: nothing new happened.
  if (charge.amount_refunded <= before) return;
  await recordAudit(tx, {
    action: refundRecordedAction,
    targetType: "order",
    targetId: order.id,
    data: { chargeId: charge.id, amountRefunded: charge.amount_refunded, amount: charge.amount },
  });
  // A paid order had its invoice queued with the payment (and the outbox runs an order's jobs
  // in turn), so the credit note for this step follows it: queued here, with the refund's own
  // record, it is never lost, and the step's cumulative figure keys it to one note.
  if (order.paidAt) {
    await enqueue(
      tx,
      issueCreditNoteJob.of({
        orderId: order.id,
        refundedBefore: before,
        refundedAfter: charge.amount_refunded,
      }),
    );
  }
  const tellBuyer = await lastRefundRequestTellsBuyer(tx, order.id);
  if (!charge.refunded) {
    if (tellBuyer) {
      const variant = String(charge.amount_refunded);
      await enqueue(tx, orderPartlyRefundedBuyerNotice.of({ orderId: order.id, variant }));
    }
    return;
  }
  if (order.status === "refunded") return;
  await transitionOrder(
    tx,
    order,
    "refunded",
    stripeActor,
    { stripePaymentIntentId: order.stripePaymentIntentId ?? intent ?? null },
    refundNote(order),
  );
  if (holdsUnpaidStock(order.status)) await releaseStock(tx, order);
  if (tellBuyer) await enqueue(tx, orderRefundedBuyerNotice.of({ orderId: order.id }));
}
