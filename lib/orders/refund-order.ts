import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { recordAudit } from "@/lib/platform/record-audit";
import type { User } from "@/db/schema/users";
import { AppError } from "@/lib/platform/app-error";
import { requireOrder } from "./find-order";

const refundable = new Set(["paid", "shipped", "delivered", "cancelled"]);

/**
 * Refunds a paid order through Stripe. The order becomes "refunded" when Stripe's
 * charge.refunded event arrives (the one place that knows the money moved); the idempotency key
 * makes a double click one refund.
 */
export async function refundOrder(db: Database, stripe: Stripe, actor: User, orderId: string) {
  const order = await requireOrder(db, actor, orderId);
  if (!refundable.has(order.status) || !order.stripePaymentIntentId) {
    throw new AppError("conflict", "transition", { from: order.status, to: "refunded" });
  }
  const refund = await stripe.refunds.create(
    { payment_intent: order.stripePaymentIntentId, metadata: { order_id: order.id } },
    { idempotencyKey: `refund-${order.id}` },
  );
  await recordAudit(db, {
    actorUserId: actor.id,
    action: "order.refund_requested",
    targetType: "order",
    targetId: order.id,
    data: { refundId: refund.id, amount: refund.amount },
  });
  return refund;
}
