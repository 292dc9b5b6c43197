import { and, count, eq, gte, inArray, sql, sum } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deepLinkStarts, orders, products, type User } from "@/db/schema";

const sold = ["paid", "shipped", "delivered"] as const;

const sellerScope = (actor: User) =>
  actor.role === "admin" ? undefined : eq(orders.sellerId, actor.id);

/** Revenue and paid orders in the last day, week and month, per currency. */
export async function salesSummary(db: Database, actor: User) {
  const windows = { today: 1, week: 7, month: 30 } as const;
  const entries = await Promise.all(
    Object.entries(windows).map(async ([name, days]) => {
      const rows = await db
        .select({
          currency: orders.currency,
          orders: count(),
          revenue: sum(orders.totalAmountMinor),
        })
        .from(orders)
        .where(
          and(
            sellerScope(actor),
            inArray(orders.status, [...sold]),
            gte(orders.paidAt, sql`now() - make_interval(days => ${days})`),
          ),
        )
        .groupBy(orders.currency);
      return [
        name,
        rows.map((row) => ({
          currency: row.currency,
          orders: row.orders,
          revenue: Number(row.revenue ?? 0),
        })),
      ] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<
    keyof typeof windows,
    Array<{ currency: string; orders: number; revenue: number }>
  >;
}

/** Paid revenue per day for the last 30 days (days without sales included as zero). */
export async function dailySales(db: Database, actor: User) {
  const rows = await db
    .select({
      day: sql<string>`to_char(date_trunc('day', ${orders.paidAt}), 'YYYY-MM-DD')`,
      currency: orders.currency,
      revenue: sum(orders.totalAmountMinor),
    })
    .from(orders)
    .where(
      and(
        sellerScope(actor),
        inArray(orders.status, [...sold]),
        gte(orders.paidAt, sql`now() - interval '29 days'`),
      ),
    )
    .groupBy(sql`1`, orders.currency);
  const days = Array.from({ length: 30 }, (_, i) => {
    const date = new Date(Date.now() - (29 - i) * 86_400_000);
    return date.toISOString().slice(0, 10);
  });
  return days.map((day) => ({
    day,
    revenue: rows
      .filter((row) => row.day === day)
      .reduce((total, row) => total + Number(row.revenue ?? 0), 0),
  }));
}

/**
 * How each product sells from its Buy buttons: deep-link starts → checkouts (orders placed)
 * → paid, over the last 30 days.
 */
export async function productFunnel(db: Database, actor: User) {
  const since = sql`now() - interval '30 days'`;
  const scope = actor.role === "admin" ? undefined : eq(products.sellerId, actor.id);
  const [list, starts, checkouts] = await Promise.all([
    db.select({ id: products.id, title: products.title }).from(products).where(scope),
    db
      .select({ productId: deepLinkStarts.productId, starts: count() })
      .from(deepLinkStarts)
      .where(gte(deepLinkStarts.createdAt, since))
      .groupBy(deepLinkStarts.productId),
    db
      .select({
        productId: orders.productId,
        checkouts: count(),
        paid: sql<number>`count(*) filter (where ${inArray(orders.status, [...sold, "refunded"])})::int`,
      })
      .from(orders)
      .where(and(sellerScope(actor), gte(orders.createdAt, since)))
      .groupBy(orders.productId),
  ]);
  return list
    .map((product) => ({
      ...product,
      starts: starts.find((s) => s.productId === product.id)?.starts ?? 0,
      checkouts: checkouts.find((c) => c.productId === product.id)?.checkouts ?? 0,
      paid: checkouts.find((c) => c.productId === product.id)?.paid ?? 0,
    }))
    .filter((row) => row.starts + row.checkouts > 0)
    .sort((a, b) => b.paid - a.paid || b.starts - a.starts);
}
