import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { posts } from "@/db/schema/channels";
import { orders, orderStatuses } from "@/db/schema/orders";
import { sellerBusinesses } from "@/db/schema/invoices";
import { users, type User } from "@/db/schema/users";
import { paidAndLater } from "./order-status";
import { shopName } from "./shops";
import { ownedBy } from "@/lib/auth/owned-by";
import { fieldErrorsOf, type FieldErrors } from "@/lib/platform/app-error";
import { hasNoNul } from "@/lib/platform/storable-text";

// What a seller means by "orders": paid ones and what became of them. Unpaid checkouts,
// expired and failed payments are shown only when asked for by status.
export const defaultStatuses = paidAndLater;

export const sortableColumns = ["number", "createdAt", "total", "status", "buyer"] as const;
export const pageSizes = [10, 25, 50, 100] as const;

// A day as the date input sends it, and a real one ("2024-13-45" and "2024-02-30" are not):
// the filter turns it into a timestamp, and an impossible date failed the whole query. The
// years keep the day after "to" a timestamp PostgreSQL and JavaScript both read.
const orderDate = z.iso
  .date({ error: "invalidDate" })
  .refine((day) => day >= "1900-01-01" && day <= "2999-12-31", "invalidDate");

// What a seller types into the search box. PostgreSQL cannot hold a NUL character in text and
// refuses the whole query that carries one.
const searchText = z.string().trim().max(100, "tooLong").refine(hasNoNul, "invalidCharacters");

// A shop is picked from the admin's list; any other value was typed or forged into the URL.
const shopId = z.uuid({ error: "invalidShop" });

// The filters typed by hand (or edited in the URL): the ones whose mistakes are worth saying.
const typedFilters = z
  .object({ from: orderDate, to: orderDate, q: searchText, shop: shopId })
  .partial();

/** The orders table's view, as it travels in the URL (so a view can be shared). */
export const orderListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .refine((n) => (pageSizes as readonly number[]).includes(n))
    .catch(25),
  sort: z.enum(sortableColumns).catch("createdAt"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z
    .string()
    .transform((list) =>
      list.split(",").filter((s) => (orderStatuses as readonly string[]).includes(s)),
    )
    .pipe(z.array(z.enum(orderStatuses)))
    .optional()
    .catch(undefined),
  from: orderDate.optional().catch(undefined),
  to: orderDate.optional().catch(undefined),
  product: z.uuid().optional().catch(undefined),
  channel: z.uuid().optional().catch(undefined),
  q: searchText.optional().catch(undefined),
  /** The seller whose orders an admin looks at; it never widens a seller's own view. */
  shop: shopId.optional().catch(undefined),
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

/**
 * The view a URL asks for, and what is wrong with the filters typed into it: a date or search
 * that cannot be applied is left out of the view and named in `problems` (one per field), so
 * the page can say so and the export can refuse. An empty value is no filter.
 */
export function readOrderListQuery(params: Record<string, string | undefined>): {
  query: OrderListQuery;
  problems: FieldErrors;
} {
  const given = Object.fromEntries(Object.entries(params).filter(([, value]) => value));
  const typed = typedFilters.safeParse(given);
  return {
    query: orderListQuery.parse(given),
    problems: typed.success ? {} : fieldErrorsOf(typed.error),
  };
}

/** How many filters narrow the view (the phone's "Filters (n)" button says it). */
export function activeFilterCount(query: OrderListQuery): number {
  const { status, from, to, product, channel, q, shop } = query;
  return [status?.length, from, to, product, channel, q, shop].filter(Boolean).length;
}

const sortColumn = {
  number: orders.shopNumber,
  createdAt: orders.createdAt,
  total: orders.totalAmountMinor,
  status: orders.status,
  buyer: orders.contactName,
};

function filters(actor: User, query: OrderListQuery): SQL | undefined {
  const conditions: Array<SQL | undefined> = [
    // Sellers see only their own orders; admins see every shop's.
    ownedBy(orders.sellerId, actor),
    inArray(orders.status, query.status?.length ? query.status : [...defaultStatuses]),
    query.from ? gte(orders.createdAt, new Date(`${query.from}T00:00:00Z`)) : undefined,
    // "to" is inclusive: everything before the next day.
    query.to
      ? lt(orders.createdAt, new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000))
      : undefined,
    query.product ? eq(orders.productId, query.product) : undefined,
    query.channel ? eq(posts.channelId, query.channel) : undefined,
    // Added to the owner rule, never instead of it: a seller naming another shop gets nothing.
    query.shop ? eq(orders.sellerId, query.shop) : undefined,
  ];
  if (query.q) {
    const number = /^#?(\d{1,15})$/.exec(query.q)?.[1];
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        // The shop's number: an admin, who sees every shop, finds each shop's order of that
        // number (the shop filter narrows it to one). Orders from before shop numbers kept
        // their old number as this one, so a "#1234" quoted then still finds its order.
        number ? eq(orders.shopNumber, Number(number)) : undefined,
        ilike(orders.contactName, pattern),
        ilike(orders.email, pattern),
      ),
    );
  }
  return and(...conditions);
}

/**
 * One page of the actor's orders for the table, with the total for the pager. Each order
 * carries its shop's name, which admins see (every shop's orders are theirs to see).
 */
export async function listOrders(db: Database, actor: User, query: OrderListQuery) {
  const where = filters(actor, query);
  const base = () =>
    db
      .select({ order: orders, shopName })
      .from(orders)
      .leftJoin(posts, eq(posts.id, orders.postId))
      .innerJoin(users, eq(users.id, orders.sellerId))
      .leftJoin(sellerBusinesses, eq(sellerBusinesses.sellerId, orders.sellerId));
  const order = query.dir === "asc" ? asc(sortColumn[query.sort]) : desc(sortColumn[query.sort]);
  const [rows, totals] = await Promise.all([
    base()
      .where(where)
      // The global number breaks ties (it is unique where shop numbers repeat across shops), so
      // paging never shows a row twice or skips one.
      .orderBy(order, query.dir === "asc" ? asc(orders.number) : desc(orders.number))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    db
      .select({ total: count() })
      .from(orders)
      .leftJoin(posts, eq(posts.id, orders.postId))
      .where(where),
  ]);
  const total = totals[0]?.total ?? 0;
  return {
    orders: rows.map((row) => ({ ...row.order, shopName: row.shopName })),
    total,
    pageCount: Math.max(1, Math.ceil(total / query.size)),
  };
}

/** Every order of the current view (all pages), for the CSV export, in chunks. */
export async function* exportOrders(db: Database, actor: User, query: OrderListQuery) {
  for (let page = 1; ; page++) {
    const { orders: chunk } = await listOrders(db, actor, { ...query, page, size: 100 });
    yield* chunk;
    if (chunk.length < 100) return;
  }
}
