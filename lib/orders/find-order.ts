import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orderEvents, orders, type Order } from "@/db/schema/orders";
import { AppError } from "@/lib/platform/app-error";
import { users, type User } from "@/db/schema/users";
import { ownedBy } from "@/lib/auth/owned-by";
import { isUuid } from "@/lib/platform/uuid";

/**
 * One order the actor may see, by its id or by the number buyers and sellers quote (another
 * seller's order is simply not found). The dashboard, the bot and the order changes all look
 * orders up here. `lock` holds the row until the transaction ends: one writer at a time.
 * A number is a shop number, so it means an order of the actor's own shop, admins included:
 * every shop has an order 1.
 */
export async function findOrder(
  db: Database,
  actor: Pick<User, "id" | "role">,
  ref: string | number,
  { lock = false } = {},
): Promise<Order | undefined> {
  if (typeof ref === "string" && !isUuid(ref)) return undefined;
  const query = db
    .select()
    .from(orders)
    .where(
      and(
        typeof ref === "string"
          ? and(eq(orders.id, ref), ownedBy(orders.sellerId, actor))
          : and(eq(orders.shopNumber, ref), eq(orders.sellerId, actor.id)),
      ),
    );
  const [order] = lock ? await query.for("update") : await query;
  return order;
}

/** The same, refusing with `not_found` when the actor has no such order. */
export async function requireOrder(...args: Parameters<typeof findOrder>): Promise<Order> {
  const order = await findOrder(...args);
  if (!order) throw new AppError("not_found", "order");
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
