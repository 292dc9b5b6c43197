import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { sellerBusinesses } from "@/db/schema/invoices";
import { orders, type OrderStatus } from "@/db/schema/orders";
import { users, type User } from "@/db/schema/users";
import { migratedTestDatabase } from "@/test/database";
import { createSellerWithProduct, orderRow } from "@/test/fixtures";
import {
  activeFilterCount,
  exportOrders,
  listOrders,
  orderListQuery,
  readOrderListQuery,
} from "./list-orders";
import { listShops } from "./shops";

let connection: DatabaseConnection;
let seller: User;
let other: User;
let admin: User;
let productId: string;

const query = (params: Record<string, string> = {}) => orderListQuery.parse(params);

beforeAll(async () => {
  connection = await migratedTestDatabase("order_list");
  const mine = await createSellerWithProduct(connection.db, { stock: null });
  const theirs = await createSellerWithProduct(connection.db, { stock: null });
  seller = mine.seller;
  // One shop with business details (its invoice name is its shop name), one without (its
  // Telegram name stands in).
  await connection.db
    .insert(sellerBusinesses)
    .values({ sellerId: seller.id, legalName: "Kaffee Müller GmbH", address: "Ring 1\nWien" });
  other = (
    await connection.db
      .update(users)
      .set({ name: "Bob's Mugs" })
      .where(eq(users.id, theirs.seller.id))
      .returning()
  )[0]!;
  admin = (
    await connection.db
      .insert(users)
      .values({ telegramId: 7_999_000_001, name: "Ada", role: "admin" })
      .returning()
  )[0]!;
  productId = mine.product.id;
  const statuses: OrderStatus[] = ["paid", "shipped", "delivered", "pending_payment", "expired"];
  const rows = Array.from({ length: 30 }, (_, i) =>
    orderRow(
      { sellerId: seller.id, productId: mine.product.id, checkoutKey: `list-${i}` },
      {
        buyerTelegramId: 5000 + i,
        contactName: i === 7 ? "Zoë Weiß" : `Buyer ${String(i).padStart(2, "0")}`,
        email: `buyer${i}@example.com`,
        quantity: 1 + (i % 3),
        unitAmountMinor: 1000,
        totalAmountMinor: 1000 * (1 + (i % 3)),
        status: statuses[i % statuses.length],
        createdAt: new Date(Date.UTC(2026, 10, 1 + i)),
      },
    ),
  );
  await connection.db.insert(orders).values(rows);
  await connection.db.insert(orders).values({
    ...rows[0]!,
    sellerId: other.id,
    productId: theirs.product.id,
    checkoutKey: "list-other",
    contactName: "Other shop's buyer",
  });
});
afterAll(() => connection.close());

describe("the orders table's query", () => {
  it("shows real orders by default, newest first, 25 to a page", async () => {
    const page = await listOrders(connection.db, seller, query());
    expect(page.total).toBe(18); // paid, shipped, delivered: 3 of every 5
    expect(page.orders).toHaveLength(18);
    const created = page.orders.map((o) => o.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(page.orders.every((o) => ["paid", "shipped", "delivered"].includes(o.status))).toBe(
      true,
    );
  });

  it("filters by status, date range and product, and pages", async () => {
    const shipped = await listOrders(connection.db, seller, query({ status: "shipped" }));
    expect(shipped.orders.every((o) => o.status === "shipped")).toBe(true);
    expect(shipped.total).toBe(6);
    const range = await listOrders(
      connection.db,
      seller,
      query({
        from: "2026-11-05",
        to: "2026-11-07",
        status: "paid,shipped,delivered,pending_payment,expired",
      }),
    );
    expect(range.orders.map((o) => o.createdAt.toISOString().slice(0, 10)).sort()).toEqual([
      "2026-11-05",
      "2026-11-06",
      "2026-11-07",
    ]);
    const page2 = await listOrders(connection.db, seller, query({ size: "10", page: "2" }));
    expect(page2).toMatchObject({ total: 18, pageCount: 2 });
    expect(page2.orders).toHaveLength(8);
    expect((await listOrders(connection.db, seller, query({ product: productId }))).total).toBe(18);
  });

  it("sorts by any column, either way", async () => {
    const byTotal = await listOrders(connection.db, seller, query({ sort: "total", dir: "asc" }));
    const totals = byTotal.orders.map((o) => o.totalAmountMinor);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    const byBuyer = await listOrders(connection.db, seller, query({ sort: "buyer", dir: "desc" }));
    expect(byBuyer.orders[0]?.contactName).toBe("Zoë Weiß");
  });

  it("searches buyer name, e-mail and order number", async () => {
    expect(
      (await listOrders(connection.db, seller, query({ q: "weiß" }))).orders.map(
        (o) => o.contactName,
      ),
    ).toEqual(["Zoë Weiß"]);
    const byMail = await listOrders(connection.db, seller, query({ q: "buyer12@" }));
    expect(byMail.orders.map((o) => o.email)).toEqual(["buyer12@example.com"]);
    const one = byMail.orders[0]!;
    expect(
      (await listOrders(connection.db, seller, query({ q: `#${one.shopNumber}` }))).orders.map(
        (o) => o.id,
      ),
    ).toEqual([one.id]);
    expect((await listOrders(connection.db, seller, query({ q: "100%_" }))).total).toBe(0);
  });

  it("finds each shop's order of a number for an admin, and one shop's with the shop filter", async () => {
    // The other shop's order has the same shop number as the seller's first.
    const [first] = await connection.db
      .select()
      .from(orders)
      .where(eq(orders.checkoutKey, "list-0"));
    const q = `#${first!.shopNumber}`;
    const shops = (page: Awaited<ReturnType<typeof listOrders>>) =>
      page.orders.map((o) => o.shopName).sort();
    expect(shops(await listOrders(connection.db, admin, query({ q })))).toEqual([
      "Bob's Mugs",
      "Kaffee Müller GmbH",
    ]);
    expect(shops(await listOrders(connection.db, admin, query({ q, shop: other.id })))).toEqual([
      "Bob's Mugs",
    ]);
    expect(shops(await listOrders(connection.db, seller, query({ q })))).toEqual([
      "Kaffee Müller GmbH",
    ]);
  });

  it("never shows another shop's orders to a seller", async () => {
    const mine = await listOrders(connection.db, seller, query({ q: "Other shop" }));
    expect(mine.total).toBe(0);
    const theirs = await listOrders(connection.db, other, query());
    expect(theirs.orders.map((o) => o.contactName)).toEqual(["Other shop's buyer"]);
  });

  it("falls back to the default view for nonsense in the URL", () => {
    expect(
      query({ page: "-4", size: "7", sort: "password", dir: "sideways", status: "hacked" }),
    ).toMatchObject({
      page: 1,
      size: 25,
      sort: "createdAt",
      dir: "desc",
      status: [],
    });
  });

  it("exports every page of the view", async () => {
    const all = [];
    for await (const order of exportOrders(connection.db, seller, query({ size: "10" })))
      all.push(order);
    expect(all).toHaveLength(18);
  });
});

describe("filters typed into the URL", () => {
  it("shows the whole view for a date that does not exist or a NUL in the search", async () => {
    // Each of these failed the whole query before: an invalid Date, or text PostgreSQL refuses.
    const typed: Array<Record<string, string>> = [
      { from: "2024-13-45" },
      { to: "2024-02-30" },
      { q: "Zo\u0000ë" },
    ];
    for (const params of typed) {
      await expect(listOrders(connection.db, seller, query(params))).resolves.toMatchObject({
        total: 18,
      });
    }
  });

  it("names each filter it could not apply, for the page to say and the export to refuse", () => {
    const read = readOrderListQuery({
      from: "2024-13-45",
      to: "0000-01-01",
      q: "a\u0000b",
      status: "shipped",
    });
    expect(read.problems).toEqual({
      from: { key: "invalidDate" },
      to: { key: "invalidDate" },
      q: { key: "invalidCharacters" },
    });
    expect(read.query).toMatchObject({ from: undefined, to: undefined, q: undefined });
    expect(read.query.status).toEqual(["shipped"]);
    expect(readOrderListQuery({ q: "x".repeat(101) }).problems).toEqual({ q: { key: "tooLong" } });
    // A real day (a leap day too) and an empty field are no problem.
    const fine = readOrderListQuery({ from: "2024-02-29", to: "", q: "" });
    expect(fine.problems).toEqual({});
    expect([fine.query.from, fine.query.to, fine.query.q]).toEqual([
      "2024-02-29",
      undefined,
      undefined,
    ]);
  });
});

describe("an admin's view of every shop", () => {
  it("lists every shop's orders, each with its shop's name", async () => {
    const all = await listOrders(connection.db, admin, query({ size: "100" }));
    expect(all.total).toBe(19);
    const shops = new Set(all.orders.map((o) => o.shopName));
    expect([...shops].sort()).toEqual(["Bob's Mugs", "Kaffee Müller GmbH"]);
    expect(all.orders.find((o) => o.contactName === "Other shop's buyer")?.shopName).toBe(
      "Bob's Mugs",
    );
  });

  it("filters to one shop, and the count follows", async () => {
    const theirs = await listOrders(connection.db, admin, query({ shop: other.id }));
    expect(theirs.total).toBe(1);
    expect(theirs.orders.map((o) => o.sellerId)).toEqual([other.id]);
    const mine = await listOrders(connection.db, admin, query({ shop: seller.id, size: "100" }));
    expect(mine.total).toBe(18);
    expect(mine.orders.every((o) => o.sellerId === seller.id)).toBe(true);
    const exported = [];
    for await (const order of exportOrders(connection.db, admin, query({ shop: other.id })))
      exported.push(order.shopName);
    expect(exported).toEqual(["Bob's Mugs"]);
  });

  it("offers every shop by name in the filter, to admins only", async () => {
    const shops = await listShops(connection.db, admin);
    expect(shops).toEqual(
      expect.arrayContaining([
        { id: seller.id, name: "Kaffee Müller GmbH" },
        { id: other.id, name: "Bob's Mugs" },
      ]),
    );
    await expect(listShops(connection.db, seller)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("never widens a seller's view: another shop's id shows them nothing", async () => {
    const forged = await listOrders(connection.db, seller, query({ shop: other.id }));
    expect(forged).toMatchObject({ total: 0, orders: [] });
    const own = await listOrders(connection.db, seller, query({ shop: seller.id }));
    expect(own.total).toBe(18);
    const exported = [];
    for await (const order of exportOrders(connection.db, other, query({ shop: seller.id })))
      exported.push(order);
    expect(exported).toEqual([]);
  });

  it("names a shop id that is not one, and leaves it out of the view", () => {
    const read = readOrderListQuery({ shop: "not-a-shop", status: "paid" });
    expect(read.problems).toEqual({ shop: { key: "invalidShop" } });
    expect(read.query.shop).toBeUndefined();
    expect(readOrderListQuery({ shop: seller.id }).problems).toEqual({});
  });

  it("counts the filters that narrow the view", () => {
    expect(activeFilterCount(query())).toBe(0);
    expect(activeFilterCount(query({ status: "paid", q: "x", shop: seller.id }))).toBe(3);
  });
});
