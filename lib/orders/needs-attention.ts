import { and, count, eq, gte, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { orders } from "@/db/schema/orders";
import type { User } from "@/db/schema/users";
import { ownedBy } from "@/lib/auth/owned-by";

/** How far back a failed payment still asks for a look (the buyer may need a word). */
export const PAYMENT_PROBLEM_DAYS = 7;

/**
 * What the seller should do something about, as counts for the overview: paid orders waiting
 * to be shipped, payments that failed lately, products on sale that are sold out, and whether
 * their order notices reach them in Telegram (they blocked the bot).
 */
export async function needsAttention(db: Database, actor: User) {
  const countOrders = async (...conditions: Parameters<typeof and>) => {
    const [row] = await db
      .select({ n: count() })
      .from(orders)
      .where(and(ownedBy(orders.sellerId, actor), ...conditions));
    return row?.n ?? 0;
  };
  const [toShip, paymentProblems, soldOut] = await Promise.all([
    countOrders(eq(orders.status, "paid")),
    countOrders(
      eq(orders.status, "payment_failed"),
      gte(orders.createdAt, sql`now() - make_interval(days => ${PAYMENT_PROBLEM_DAYS})`),
    ),
    db
      .select({ n: count() })
      .from(products)
      .where(
        and(ownedBy(products.sellerId, actor), isNull(products.archivedAt), eq(products.stock, 0)),
      )
      .then(([row]) => row?.n ?? 0),
  ]);
  return {
    toShip,
    paymentProblems,
    soldOut,
    noticesBlocked: Boolean(actor.notificationsBlockedAt),
  };
}
