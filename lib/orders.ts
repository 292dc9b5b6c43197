import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orderEvents, orders, products, type Order, type OrderStatus } from "@/db/schema";
import { InvalidTransition } from "./errors";
import { canTransition } from "./order-status";
import { enqueuePostsRefresh } from "./post-refresh";

export type Actor = {
  kind: (typeof orderEvents.$inferInsert)["actorKind"];
  userId?: string;
};

type OrderChanges = Partial<Omit<typeof orders.$inferInsert, "id" | "number" | "status">>;

/** Reads an order and locks its row until the transaction ends: one writer at a time. */
// Ids from outside (Stripe metadata, callback data) may be anything; Postgres would reject a
// malformed uuid with an error instead of finding nothing.
const uuidFormat = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function lockOrder(tx: Database, orderId: string): Promise<Order | undefined> {
  if (!uuidFormat.test(orderId)) return undefined;
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
  if (!canTransition(order.status, to)) throw new InvalidTransition(order.status, to);
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

/**
 * Takes `quantity` off the product's stock if that much is left; unlimited stock (null) always
 * has enough. A single conditional UPDATE, so two buyers racing for the last item cannot both
 * get it. Returns false when there is not enough, else the stock left (null: unlimited).
 */
export async function reserveStock(tx: Database, productId: string, quantity: number) {
  const [reserved] = await tx
    .update(products)
    .set({ stock: sql`${products.stock} - ${quantity}`, updatedAt: new Date() })
    .where(
      and(
        eq(products.id, productId),
        sql`(${products.stock} is null or ${products.stock} >= ${quantity})`,
      ),
    )
    .returning({ stock: products.stock });
  if (!reserved) return false;
  // The last one is gone: the channel posts' Buy buttons must now say "Sold out".
  if (reserved.stock === 0) await enqueuePostsRefresh(tx, productId);
  return true;
}

/** Gives an unpaid order's items back to the shop (expired or failed payment). */
export async function releaseStock(tx: Database, order: Pick<Order, "productId" | "quantity">) {
  const [released] = await tx
    .update(products)
    .set({ stock: sql`${products.stock} + ${order.quantity}`, updatedAt: new Date() })
    .where(and(eq(products.id, order.productId), isNotNull(products.stock)))
    .returning({ stock: products.stock });
  // Back from zero: the posts can say "Buy" again.
  if (released?.stock === order.quantity) await enqueuePostsRefresh(tx, order.productId);
}
