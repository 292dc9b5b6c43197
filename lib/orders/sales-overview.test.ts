import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { channels, deepLinkStarts, posts } from "@/db/schema/channels";
import { orders, type OrderStatus } from "@/db/schema/orders";
import { type User } from "@/db/schema/users";
import { migratedTestDatabase } from "@/test/database";
import { createSellerWithProduct, orderRow } from "@/test/fixtures";
import { dailySales, postFunnel, salesSummary } from "./sales-overview";

let connection: DatabaseConnection;
let seller: User;
let other: User;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000 - 60_000);

beforeAll(async () => {
  connection = await migratedTestDatabase("overview");
  const shop = await createSellerWithProduct(connection.db, { stock: null, title: "Coffee" });
  const otherShop = await createSellerWithProduct(connection.db, { stock: null });
  seller = shop.seller;
  other = otherShop.seller;
  const order = (i: number, status: OrderStatus, paidDaysAgo: number | null, total: number) =>
    orderRow(
      { sellerId: shop.seller.id, productId: shop.product.id, checkoutKey: `overview-${i}` },
      {
        buyerTelegramId: 100 + i,
        productTitle: "Coffee",
        unitAmountMinor: total,
        totalAmountMinor: total,
        status,
        paidAt: paidDaysAgo === null ? null : daysAgo(paidDaysAgo),
      },
    );
  await connection.db.insert(orders).values([
    order(1, "paid", 0, 1000),
    order(2, "shipped", 3, 2000),
    order(3, "delivered", 20, 4000),
    order(4, "delivered", 40, 8000),
    order(5, "pending_payment", null, 500),
    order(6, "refunded", 2, 9999),
    {
      ...order(7, "paid", 0, 7777),
      sellerId: otherShop.seller.id,
      productId: otherShop.product.id,
    },
  ]);
  await connection.db.insert(deepLinkStarts).values(
    Array.from({ length: 10 }, (_, i) => ({
      productId: shop.product.id,
      buyerTelegramId: 100 + i,
    })),
  );
});
afterAll(() => connection.close());

describe("overview", () => {
  it("sums paid revenue for today, 7 and 30 days, without refunds or other shops", async () => {
    expect(await salesSummary(connection.db, seller, "UTC")).toEqual({
      today: [{ currency: "EUR", orders: 1, revenue: 1000 }],
      week: [{ currency: "EUR", orders: 2, revenue: 3000 }],
      month: [{ currency: "EUR", orders: 3, revenue: 7000 }],
    });
    expect((await salesSummary(connection.db, other, "UTC")).today).toEqual([
      { currency: "EUR", orders: 1, revenue: 7777 },
    ]);
  });

  it("lists 30 days of revenue, zero where nothing sold", async () => {
    const days = await dailySales(connection.db, seller, "UTC");
    expect(days).toHaveLength(30);
    expect(days.at(-1)?.revenue).toBe(1000);
    expect(days.reduce((total, day) => total + day.revenue, 0)).toBe(7000);
  });

  it("counts an order paid at 23:30 UTC for the next day, and for today, in Berlin", async () => {
    const shop = await createSellerWithProduct(connection.db, { stock: null });
    // Two days ago at 23:30 UTC: 00:30 or 01:30 the next day in Berlin, whatever the season.
    const paidAt = new Date(
      `${new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)}T23:30:00Z`,
    );
    const berlinDay = new Date(paidAt.getTime() + 86_400_000).toISOString().slice(0, 10);
    const utcDay = paidAt.toISOString().slice(0, 10);
    const lateOrder = (i: number, at: Date) =>
      orderRow(
        { sellerId: shop.seller.id, productId: shop.product.id, checkoutKey: `late-${i}` },
        { buyerTelegramId: 700 + i, totalAmountMinor: 1500, status: "paid", paidAt: at },
      );
    // And one paid just after Berlin's midnight tonight-ago: today in Berlin, while it may
    // still be yesterday in UTC.
    const berlinToday = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(
      new Date(),
    );
    const justAfterBerlinMidnight = new Date(`${berlinToday}T00:05:00+01:00`);
    await connection.db
      .insert(orders)
      .values([lateOrder(1, paidAt), lateOrder(2, justAfterBerlinMidnight)]);

    const days = await dailySales(connection.db, shop.seller, "Europe/Berlin");
    expect(days.find(({ day }) => day === berlinDay)?.revenue).toBe(1500);
    expect(days.find(({ day }) => day === utcDay)?.revenue).toBe(0);
    expect(days.at(-1)).toEqual({ day: berlinToday, revenue: 1500 });
    expect((await salesSummary(connection.db, shop.seller, "Europe/Berlin")).today).toEqual([
      { currency: "EUR", orders: 1, revenue: 1500 },
    ]);
  });

  it("shows each post's funnel: opened → checkouts → paid, and direct links apart", async () => {
    const [channel] = await connection.db
      .insert(channels)
      .values({ sellerId: seller.id, telegramChatId: -100555, title: "Coffee News" })
      .returning();
    const product = await connection.db.query.products.findFirst({
      where: (p, { eq }) => eq(p.sellerId, seller.id),
    });
    const [post] = await connection.db
      .insert(posts)
      .values({
        productId: product!.id,
        channelId: channel!.id,
        telegramChatId: -100555,
        telegramMessageId: 1,
        deepLinkPayload: "q_overview",
      })
      .returning();
    await connection.db.insert(deepLinkStarts).values(
      Array.from({ length: 4 }, (_, i) => ({
        productId: product!.id,
        postId: post!.id,
        buyerTelegramId: 300 + i,
      })),
    );
    await connection.db
      .insert(orders)
      .values(
        orderRow(
          { sellerId: seller.id, productId: product!.id, checkoutKey: "overview-post" },
          { postId: post!.id, buyerTelegramId: 300, paidAt: new Date() },
        ),
      );
    expect(await postFunnel(connection.db, seller)).toEqual([
      expect.objectContaining({
        product: "Coffee",
        channel: undefined,
        starts: 10,
        checkouts: 6,
        paid: 5,
      }),
      expect.objectContaining({
        product: "Coffee",
        channel: "Coffee News",
        starts: 4,
        checkouts: 1,
        paid: 1,
      }),
    ]);
    expect(await postFunnel(connection.db, other)).toEqual([
      expect.objectContaining({ checkouts: 1, starts: 0 }),
    ]);
  });
});
