import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orderEvents, orders } from "@/db/schema/orders";
import { users, type User } from "@/db/schema/users";
import { ownedBy } from "@/lib/auth/owned-by";
import { isUuid } from "@/lib/platform/uuid";

/** One order the actor may see (another seller's order is simply not found). */
export async function findOrder(db: Database, actor: User, orderId: string) {
  if (!isUuid(orderId)) return undefined;
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), ownedBy(orders.sellerId, actor)));
  return order;
}

/** An order by the number buyers and sellers quote, if the actor may see it. */
export async function findOrderByNumberFor(db: Database, actor: User, number: number) {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.number, number), ownedBy(orders.sellerId, actor)));
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
