import type Stripe from "stripe";
import type { Database } from "@/db/client";
import type { User } from "@/db/schema/users";
import { enqueue } from "@/lib/jobs/outbox";
import { AppError } from "@/lib/platform/app-error";
import { orderStatusBuyerNotice } from "./buyer-notices";
import { closeCheckout } from "./close-checkout";
import { requireOrder } from "./find-order";
import { refundOrder } from "./refund-order";
import { releaseStock } from "./stock";
import { transitionOrder } from "./transition-order";

/**
 * A seller (or admin) cancels an order of theirs, and the money follows:
 * - awaiting payment: its Stripe Checkout Session is expired, so the buyer's link stops working,
 *   and its stock goes back;
 * - paid: the payment is refunded through Stripe (refundOrder); Stripe's charge.refunded then
 *   moves it on to refunded.
 * The buyer is told what happened to their money. Stripe is called while the order is locked,
 * so a payment webhook for it waits and then finds it cancelled (and refunds that payment).
 * A Stripe failure cancels nothing and is thrown, as a refund's is.
 */
export async function cancelOrder(db: Database, stripe: Stripe, actor: User, orderId: string) {
  return db.transaction(async (tx) => {
    const order = await requireOrder(tx, actor, orderId, { lock: true });
    const by = { kind: actor.role, userId: actor.id };
    if (order.status === "paid") {
      const refund = await refundOrder(tx, stripe, actor, order.id);
      const cancelled = await transitionOrder(tx, order, "cancelled", by, {}, "refund requested");
      await enqueue(
        tx,
        orderStatusBuyerNotice.of({ orderId: order.id, variant: "cancelled-refunding" }),
      );
      return { order: cancelled, refund };
    }
    if (order.status !== "pending_payment") {
      throw new AppError("conflict", "transition", { from: order.status, to: "cancelled" });
    }
    const checkout = await closeCheckout(stripe, order.stripeCheckoutSessionId);
    const cancelled = await transitionOrder(tx, order, "cancelled", by);
    await releaseStock(tx, order);
    // A completed checkout's payment is refunded when it arrives, and the buyer told then; for
    // now they only learn of the cancellation.
    const variant = checkout === "closed" ? "cancelled-unpaid" : "cancelled";
    await enqueue(tx, orderStatusBuyerNotice.of({ orderId: order.id, variant }));
    return { order: cancelled, refund: undefined };
  });
}
