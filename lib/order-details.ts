import { and, asc, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { z } from "zod";
import type { Database } from "@/db/client";
import { auditLog, orderEvents, orders, users, type User } from "@/db/schema";
import { InvalidTransition, OrderNotFound } from "./errors";

/** One order the actor may see (another seller's order is simply not found). */
export async function findOrder(db: Database, actor: User, orderId: string) {
  if (!z.uuid().safeParse(orderId).success) return undefined;
  const [order] = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.id, orderId),
        actor.role === "admin" ? undefined : eq(orders.sellerId, actor.id),
      ),
    );
  return order;
}

/** An order by the number buyers and sellers quote, if the actor may see it. */
export async function findOrderByNumberFor(db: Database, actor: User, number: number) {
  const [order] = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.number, number),
        actor.role === "admin" ? undefined : eq(orders.sellerId, actor.id),
      ),
    );
  return order;
}

/** The order's history, oldest first, with who made each change. */
export async function orderTimeline(db: Database, orderId: string) {
  return db
    .select({
      at: orderEvents.createdAt,
      from: orderEvents.fromStatus,
      to: orderEvents.toStatus,
      actorKind: orderEvents.actorKind,
      actorName: users.name,
      note: orderEvents.note,
    })
    .from(orderEvents)
    .leftJoin(users, eq(users.id, orderEvents.actorUserId))
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id));
}

const refundable = new Set(["paid", "shipped", "delivered", "cancelled"]);

/**
 * Refunds a paid order through Stripe. The order becomes "refunded" when Stripe's
 * charge.refunded event arrives (the one place that knows the money moved); the idempotency key
 * makes a double click one refund.
 */
export async function refundOrder(db: Database, stripe: Stripe, actor: User, orderId: string) {
  const order = await findOrder(db, actor, orderId);
  if (!order) throw new OrderNotFound(orderId);
  if (!refundable.has(order.status) || !order.stripePaymentIntentId) {
    throw new InvalidTransition(order.status, "refunded");
  }
  const refund = await stripe.refunds.create(
    { payment_intent: order.stripePaymentIntentId, metadata: { order_id: order.id } },
    { idempotencyKey: `refund-${order.id}` },
  );
  await db.insert(auditLog).values({
    actorUserId: actor.id,
    action: "order.refund_requested",
    targetType: "order",
    targetId: order.id,
    data: { refundId: refund.id, amount: refund.amount },
  });
  return refund;
}
