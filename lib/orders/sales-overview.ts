import { and, count, eq, gte, inArray, sql, sum } from "drizzle-orm";
import type { Database } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { channels, deepLinkStarts, posts } from "@/db/schema/channels";
import { orders } from "@/db/schema/orders";
import { type User } from "@/db/schema/users";
import { ownedBy } from "@/lib/auth/owned-by";

const sold = ["paid", "shipped", "delivered"] as const;

// The actor's orders that were paid (and not refunded) in the last `days` days.
const soldSince = (actor: User, days: number) =>
  and(
    ownedBy(orders.sellerId, actor),
    inArray(orders.status, [...sold]),
    gte(orders.paidAt, sql`now() - make_interval(days => ${days})`),
  );

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
        .where(soldSince(actor, days))
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
    .where(soldSince(actor, 29))
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
 * How each channel post sells, over the last 30 days: deep-link starts → checkouts (orders
 * placed) → paid. Starts from a product's own link (shared outside a post) form one "direct"
 * row per product.
 */
export async function postFunnel(db: Database, actor: User) {
  const since = sql`now() - interval '30 days'`;
  const productScope = ownedBy(products.sellerId, actor);
  const [starts, placed, postRows, productRows] = await Promise.all([
    db
      .select({ productId: deepLinkStarts.productId, postId: deepLinkStarts.postId, n: count() })
      .from(deepLinkStarts)
      .innerJoin(products, eq(products.id, deepLinkStarts.productId))
      .where(and(productScope, gte(deepLinkStarts.createdAt, since)))
      .groupBy(deepLinkStarts.productId, deepLinkStarts.postId),
    db
      .select({
        productId: orders.productId,
        postId: orders.postId,
        checkouts: count(),
        paid: sql<number>`count(*) filter (where ${inArray(orders.status, [...sold, "refunded"])})::int`,
      })
      .from(orders)
      .where(and(ownedBy(orders.sellerId, actor), gte(orders.createdAt, since)))
      .groupBy(orders.productId, orders.postId),
    db
      .select({
        id: posts.id,
        postedAt: posts.createdAt,
        channel: channels.title,
      })
      .from(posts)
      .innerJoin(channels, eq(channels.id, posts.channelId))
      .innerJoin(products, eq(products.id, posts.productId))
      .where(productScope),
    db.select({ id: products.id, title: products.title }).from(products).where(productScope),
  ]);
  const productTitles = new Map(productRows.map((row) => [row.id, row.title]));

  const rows = new Map<
    string,
    {
      key: string;
      product: string;
      channel?: string;
      postedAt?: Date;
      starts: number;
      checkouts: number;
      paid: number;
    }
  >();
  const rowFor = (productId: string, postId: string | null) => {
    const key = `${productId}:${postId ?? "direct"}`;
    let row = rows.get(key);
    if (!row) {
      const post = postRows.find((candidate) => candidate.id === postId);
      row = {
        key,
        product: productTitles.get(productId) ?? "",
        channel: post?.channel,
        postedAt: post?.postedAt,
        starts: 0,
        checkouts: 0,
        paid: 0,
      };
      rows.set(key, row);
    }
    return row;
  };
  for (const start of starts) rowFor(start.productId, start.postId).starts += start.n;
  for (const order of placed) {
    const row = rowFor(order.productId, order.postId);
    row.checkouts += order.checkouts;
    row.paid += order.paid;
  }
  return [...rows.values()].sort((a, b) => b.paid - a.paid || b.starts - a.starts);
}
