import { count, desc, eq } from "drizzle-orm";
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
