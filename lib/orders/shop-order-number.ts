import { eq, max, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orderCounters, orders } from "@/db/schema/orders";

/**
 * The next number in the seller's own series (1, 2, 3…), taken inside the transaction that
 * creates the order: the upsert locks the seller's counter row until that transaction ends, so
 * a second buyer of the same shop waits for the first and gets the number after it, and other
 * shops never wait. A shop's first counter starts after its highest existing order, so orders
 * from before shop numbers (which kept their old number) are never given a second meaning.
 */
export async function takeShopOrderNumber(tx: Database, sellerId: string): Promise<number> {
  const highest = tx
    .select({ highest: sql`coalesce(${max(orders.shopNumber)}, 0)` })
    .from(orders)
    .where(eq(orders.sellerId, sellerId));
  const [counter] = await tx
    .insert(orderCounters)
    .values({ sellerId, lastNumber: sql`(${highest}) + 1` })
    .onConflictDoUpdate({
      target: orderCounters.sellerId,
      set: { lastNumber: sql`${orderCounters.lastNumber} + 1` },
    })
    .returning({ lastNumber: orderCounters.lastNumber });
  if (!counter) throw new Error("order counter upsert returned nothing");
  return counter.lastNumber;
}
