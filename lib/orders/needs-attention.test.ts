import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { orders, type OrderStatus } from "@/db/schema/orders";
import { migratedTestDatabase } from "@/test/database";
import { createSellerWithProduct, orderRow } from "@/test/fixtures";
import { needsAttention } from "./needs-attention";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("attention");
});
afterAll(() => connection.close());

it("counts what the seller should act on, in their shop only", async () => {
  const db = connection.db;
  const shop = await createSellerWithProduct(db, { stock: 0 });
  const other = await createSellerWithProduct(db, { stock: 0 });
  await db.insert(products).values({
    sellerId: shop.seller.id,
    title: "Archived",
    priceMinor: 100,
    stock: 0,
    deepLinkPayload: "attention-archived",
    archivedAt: new Date(),
  });
  const order = (seller: typeof shop, key: string, status: OrderStatus, createdAt = new Date()) =>
    orderRow(
      { sellerId: seller.seller.id, productId: seller.product.id, checkoutKey: key },
      { status, createdAt },
    );
  await db
    .insert(orders)
    .values([
      order(shop, "a1", "paid"),
      order(shop, "a2", "paid"),
      order(shop, "a3", "shipped"),
      order(shop, "a4", "payment_failed"),
      order(shop, "a5", "payment_failed", new Date(Date.now() - 8 * 86_400_000)),
      order(other, "b1", "paid"),
    ]);

  expect(await needsAttention(db, shop.seller)).toEqual({
    toShip: 2,
    paymentProblems: 1,
    soldOut: 1,
    noticesBlocked: false,
  });
  const blocked = { ...other.seller, notificationsBlockedAt: new Date() };
  expect(await needsAttention(db, blocked)).toEqual({
    toShip: 1,
    paymentProblems: 0,
    soldOut: 1,
    noticesBlocked: true,
  });
});
