import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { products } from "@/db/schema/catalog";
import type { Order } from "@/db/schema/orders";
import { enqueuePostsRefresh } from "@/lib/catalog/refresh-posts";

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
