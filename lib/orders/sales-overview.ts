import { and, count, eq, gte, inArray, sql, sum } from "drizzle-orm";
import type { Database } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { channels, deepLinkStarts, posts } from "@/db/schema/channels";
import { orders } from "@/db/schema/orders";
import { type User } from "@/db/schema/users";
import { ownedBy } from "@/lib/auth/owned-by";

const sold = ["paid", "shipped", "delivered"] as const;

// Midnight in the seller's zone, `days - 1` days before today: "today" starts at the seller's
// midnight, not the server's (UTC), and the chart's days are the seller's calendar days.
const localMidnight = (days: number, timeZone: string) =>
  sql`(date_trunc('day', now() at time zone ${timeZone}) - make_interval(days => ${days - 1})) at time zone ${timeZone}`;

// The actor's orders that were paid (and not refunded) on the last `days` calendar days.
const soldSince = (actor: User, days: number, timeZone: string) =>
  and(
    ownedBy(orders.sellerId, actor),
    inArray(orders.status, [...sold]),
    gte(orders.paidAt, localMidnight(days, timeZone)),
  );

/** YYYY-MM-DD of `daysAgo` days before today in the zone. */
function calendarDay(timeZone: string, daysAgo: number): string {
  // en-CA writes ISO dates; stepping back from that date at UTC midnight skips no day at a
  // daylight-saving change.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  return new Date(Date.parse(today) - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** Revenue and paid orders today, in the last 7 and the last 30 days, per currency. */
export async function salesSummary(db: Database, actor: User, timeZone: string) {
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
        .where(soldSince(actor, days, timeZone))
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

/** Paid revenue per calendar day in the zone for the last 30 days (none sold: zero). */
export async function dailySales(db: Database, actor: User, timeZone: string) {
  const rows = await db
    .select({
      day: sql<string>`to_char(${orders.paidAt} at time zone ${timeZone}, 'YYYY-MM-DD')`,
      currency: orders.currency,
      revenue: sum(orders.totalAmountMinor),
    })
    .from(orders)
    .where(soldSince(actor, 30, timeZone))
    .groupBy(sql`1`, orders.currency);
  const days = Array.from({ length: 30 }, (_, i) => calendarDay(timeZone, 29 - i));
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
