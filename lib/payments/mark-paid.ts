import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { orders, type Order } from "@/db/schema/orders";
import { checkoutSessions } from "@/db/schema/payments";
import { logger } from "@/lib/platform/logger";
import { transitionOrder } from "@/lib/orders/transition-order";
import { reserveStock } from "@/lib/orders/stock";
import { enqueue } from "@/lib/jobs/outbox";
import { orderPaidBuyerNotice, paymentRefundingBuyerNotice } from "@/lib/orders/buyer-notices";
import { orderOversoldSellerNotice, orderPaidSellerNotice } from "@/lib/orders/seller-notices";
import { refundPaymentJob } from "./refund-payment";
import { issueInvoiceJob } from "@/lib/invoices/issue-invoice";
import { flagPayment } from "./flag-payment";
import type { PaymentFlagReason } from "./payment-flag-alert";
import { lockSessionOrder, paymentIntentId, stripeActor } from "./session-order";

/**
 * Records a paid Checkout Session on its order, once: the webhook's effect, and what
 * reconciliation repairs with when a webhook never arrived. Returns the order it paid, or
 * undefined when it paid none: nothing to do (a duplicate), money for a closed order (refunded
 * automatically) or a payment the order cannot take (flagged for a person).
 */
export async function markPaid(
  tx: Database,
  session: Stripe.Checkout.Session,
  note?: string,
): Promise<Order | undefined> {
  const order = await lockSessionOrder(tx, session);
  if (!order) return undefined;
  const problem = await sessionProblem(tx, order, session);
  if (problem) {
    await flagPayment(tx, order, session, problem);
    return undefined;
  }
  switch (order.status) {
    case "pending_payment":
      return recordPayment(tx, order, session, note);
    case "expired":
    case "payment_failed":
      return markPaidLate(tx, order, session, note);
    case "cancelled":
    case "refunded":
      await returnUnwantedPayment(tx, order, session);
      return undefined;
    default: {
      // Paid already: the same payment reported again (another event id) is nothing to do;
      // another payment for it (two of its sessions paid) is money the order has no use for.
      const intent = paymentIntentId(session.payment_intent);
      if (intent && order.stripePaymentIntentId && intent !== order.stripePaymentIntentId) {
        await flagPayment(tx, order, session, "paid_twice");
      }
      return undefined;
    }
  }
}

// client_reference_id alone proves nothing: anything on the Stripe account can name our order
// (a 0.50 USD session once paid a 1,299 EUR order). The session must be one we opened for
// this order (its current one or an earlier one), for the order's amount and currency.
async function sessionProblem(
  tx: Database,
  order: Order,
  session: Stripe.Checkout.Session,
): Promise<PaymentFlagReason | undefined> {
  // Orders from before sessions were kept have only their current one on the order.
  const ours =
    session.id === order.stripeCheckoutSessionId ||
    (
      await tx
        .select({ id: checkoutSessions.id })
        .from(checkoutSessions)
        .where(and(eq(checkoutSessions.id, session.id), eq(checkoutSessions.orderId, order.id)))
    ).length > 0;
  if (!ours) return "foreign_session";
  const sameMoney =
    session.amount_total === order.totalAmountMinor &&
    session.currency?.toUpperCase() === order.currency;
  return sameMoney ? undefined : "amount_mismatch";
}

// The buyer paid after we had given the checkout up (and its stock back): the money is real,
// so the order is paid. The stock is taken again if it is still there; if not, the item was
// sold twice, and the seller is told so and what to do (restock or refund).
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
  const paid = await recordPayment(tx, order, session, notes.filter(Boolean).join("; "));
  if (!inStock) await enqueue(tx, orderOversoldSellerNotice.of({ orderId: order.id }));
  return paid;
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

// Money for an order that is closed: its seller cancelled it (the buyer paid a link that was
// still open, or before its expiry reached Stripe), or it was refunded already. It is not the
// shop's to keep: it goes back in full, and the buyer is told why. The order stays as it is
// and its stock is not taken again.
async function returnUnwantedPayment(tx: Database, order: Order, session: Stripe.Checkout.Session) {
  const intent = paymentIntentId(session.payment_intent);
  if (!intent) return;
  if (intent === order.stripePaymentIntentId) {
    // This payment is known. Paid, then cancelled: its refund is under way. Never recorded
    // as paid but refunded: Stripe's refund came before its payment, which must not now
    // count as if nothing had happened.
    if (order.status === "refunded" && !order.paidAt) {
      await flagPayment(tx, order, session, "paid_after_refund");
    }
    return;
  }
  if (!order.stripePaymentIntentId) {
    // So that this payment's charge.refunded finds the order and closes it as refunded.
    await tx
      .update(orders)
      .set({ stripePaymentIntentId: intent, updatedAt: new Date() })
      .where(eq(orders.id, order.id));
  }
  logger.warn(
    { orderId: order.id, sessionId: session.id, status: order.status, paymentIntentId: intent },
    "payment for a closed order: refunding it",
  );
  await enqueue(
    tx,
    refundPaymentJob.of({ orderId: order.id, paymentIntentId: intent }),
    paymentRefundingBuyerNotice.of({ orderId: order.id, variant: intent }),
  );
}
