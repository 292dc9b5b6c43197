import { and, asc, count, desc, eq, gte } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema/orders";

export const STATUS_PAGE_SIZE = 5;

/** A buyer's orders for /status, newest first, one page at a time. */
export async function listBuyerOrders(db: Database, buyerTelegramId: number, page = 1) {
  const [totals] = await db
    .select({ total: count() })
    .from(orders)
    .where(eq(orders.buyerTelegramId, buyerTelegramId));
  const total = totals?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / STATUS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db
    .select()
    .from(orders)
    .where(eq(orders.buyerTelegramId, buyerTelegramId))
    .orderBy(desc(orders.createdAt), desc(orders.number))
    .limit(STATUS_PAGE_SIZE)
    .offset((current - 1) * STATUS_PAGE_SIZE);
  return { orders: rows, total, page: current, pages };
}

/**
 * The first order a buyer placed at or after `since`: the one a dialog message sent at that
 * moment led to, if its dialog went as far as Confirm.
 */
export async function firstBuyerOrderSince(db: Database, buyerTelegramId: number, since: Date) {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.buyerTelegramId, buyerTelegramId), gte(orders.createdAt, since)))
    .orderBy(asc(orders.createdAt), asc(orders.number))
    .limit(1);
  return order;
}
