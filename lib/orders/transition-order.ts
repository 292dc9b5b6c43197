import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orderEvents, orders, type Order, type OrderStatus } from "@/db/schema/orders";
import { AppError } from "@/lib/platform/app-error";
import { canTransition } from "./order-status";
import { isUuid } from "@/lib/platform/uuid";

export type Actor = {
  kind: (typeof orderEvents.$inferInsert)["actorKind"];
  userId?: string;
};

type OrderChanges = Partial<Omit<typeof orders.$inferInsert, "id" | "number" | "status">>;

/** Reads an order and locks its row until the transaction ends: one writer at a time. */
export async function lockOrder(tx: Database, orderId: string): Promise<Order | undefined> {
  if (!isUuid(orderId)) return undefined;
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  return order;
}

/**
 * Moves an order along the state machine and writes the timeline entry (who, when, from → to),
 * in the caller's transaction. The caller holds the row lock (lockOrder).
 */
export async function transitionOrder(
  tx: Database,
  order: Order,
  to: OrderStatus,
  actor: Actor,
  changes: OrderChanges = {},
  note?: string,
): Promise<Order> {
  if (!canTransition(order.status, to))
    throw new AppError("conflict", "transition", { from: order.status, to: to });
  const [updated] = await tx
    .update(orders)
    .set({ ...changes, status: to, updatedAt: new Date() })
    .where(eq(orders.id, order.id))
    .returning();
  if (!updated) throw new Error(`order ${order.id} vanished during a transition`);
  await tx.insert(orderEvents).values({
    orderId: order.id,
    fromStatus: order.status,
    toStatus: to,
    actorKind: actor.kind,
    actorUserId: actor.userId,
    note,
  });
  return updated;
}
