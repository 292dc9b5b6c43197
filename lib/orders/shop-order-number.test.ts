import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { queryRows, type Database, type DatabaseConnection } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { orders, type Order } from "@/db/schema/orders";
import { migrateWithLock, migrationsFolder } from "@/db/migrate";
import { connectTestDatabase, migratedTestDatabase } from "@/test/database";
import { buyerDetails, createSellerWithProduct } from "@/test/fixtures";
import { createTestDatabase } from "@/test/postgres-server";
import { placeOrder } from "@/lib/checkout/place-order";
import { listOrders, orderListQuery } from "./list-orders";
import { findOrder } from "./find-order";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("shop_order_numbers");
});
afterAll(() => connection.close());

let buyer = 5_000;
const buy = (db: Database, productId: string) =>
  placeOrder(db, {
    productId,
    quantity: 1,
    buyerTelegramId: (buyer += 1),
    buyerLanguage: "en",
    details: buyerDetails,
    checkoutKey: `k-${buyer}`,
  });

describe("shop order numbers", () => {
  it("run 1, 2, 3 in each shop, whatever the other shops sell in between", async () => {
    const alice = await createSellerWithProduct(connection.db, { stock: null });
    const bob = await createSellerWithProduct(connection.db, { stock: null });
    const placed: Order[] = [];
    for (const shop of [alice, bob, bob, alice, alice, bob]) {
      placed.push(await buy(connection.db, shop.product.id));
    }
    const numbersOf = (sellerId: string) =>
      placed.filter((o) => o.sellerId === sellerId).map((o) => o.shopNumber);
    expect(numbersOf(alice.seller.id)).toEqual([1, 2, 3]);
    expect(numbersOf(bob.seller.id)).toEqual([1, 2, 3]);
    // The global series goes on underneath, one number per order.
    expect(new Set(placed.map((o) => o.number)).size).toBe(6);
  });

  it("gives 20 buyers ordering from one shop at once 20 different numbers, 1 to 20", async () => {
    const { seller } = await createSellerWithProduct(connection.db, { stock: null });
    // One product each, so nothing but the shop's counter makes the buyers wait for each other.
    const shelf = await connection.db
      .insert(products)
      .values(
        Array.from({ length: 20 }, (_, i) => ({
          sellerId: seller.id,
          title: `Mug ${i}`,
          priceMinor: 900,
          stock: null,
          deepLinkPayload: `mug-${seller.id}-${i}`,
        })),
      )
      .returning();
    const placed = await Promise.all(shelf.map((product) => buy(connection.db, product.id)));
    expect(placed.map((o) => o.shopNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it("keeps an unpaid order's number when it expires; the next order gets the next one", async () => {
    const { product } = await createSellerWithProduct(connection.db, { stock: null });
    const first = await buy(connection.db, product.id);
    await connection.db.update(orders).set({ status: "expired" }).where(eq(orders.id, first.id));
    const second = await buy(connection.db, product.id);
    expect([first.shopNumber, second.shopNumber]).toEqual([1, 2]);
  });

  it("finds the shop's own order by its number, for the seller and in the search", async () => {
    const alice = await createSellerWithProduct(connection.db, { stock: null });
    const bob = await createSellerWithProduct(connection.db, { stock: null });
    const alices = await buy(connection.db, alice.product.id);
    const bobs = await buy(connection.db, bob.product.id);
    expect([alices.shopNumber, bobs.shopNumber]).toEqual([1, 1]);

    expect((await findOrder(connection.db, alice.seller, 1))?.id).toBe(alices.id);
    expect((await findOrder(connection.db, bob.seller, 1))?.id).toBe(bobs.id);
    // The old global number is not a shop number: it finds nothing.
    expect(await findOrder(connection.db, alice.seller, bobs.number)).toBeUndefined();

    const search = orderListQuery.parse({ q: "#1", status: "pending_payment" });
    const found = await listOrders(connection.db, alice.seller, search);
    expect(found.orders.map((o) => o.id)).toEqual([alices.id]);
  });
});

describe("orders from before shop numbers", () => {
  it("keep their number as their shop number, and the shop's next order continues above", async () => {
    // A database as it was before the migration that brought shop numbers, with orders in it.
    const url = await createTestDatabase(inject("postgresUrl"), "shop_numbers_backfill");
    const old = await connectTestDatabase(url);
    try {
      const before = mkdtempSync(path.join(tmpdir(), "promo-migrations-"));
      cpSync(migrationsFolder, before, { recursive: true });
      const journalFile = path.join(before, "meta/_journal.json");
      const journal = JSON.parse(readFileSync(journalFile, "utf8")) as {
        entries: Array<{ tag: string }>;
      };
      const cut = journal.entries.findIndex((entry) => entry.tag.endsWith("_shop_order_numbers"));
      expect(cut).toBeGreaterThan(0);
      journal.entries = journal.entries.slice(0, cut);
      writeFileSync(journalFile, JSON.stringify(journal));
      await migrate(old.db as never, { migrationsFolder: before });

      const alice = await createSellerWithProduct(old.db, { stock: null });
      const bob = await createSellerWithProduct(old.db, { stock: null });
      const oldOrder = (sellerId: string, productId: string, key: string) => sql`
        insert into orders (seller_id, product_id, buyer_telegram_id, contact_name, email,
          address_street, address_postcode, address_city, address_country, product_title,
          quantity, currency, unit_amount_minor, total_amount_minor, status, checkout_key)
        values (${sellerId}, ${productId}, 4242, 'Erika', 'erika@example.com', 'Hauptstraße 1',
          '10115', 'Berlin', 'DE', 'Blend', 1, 'EUR', 1290, 1290, 'paid', ${key})
        returning id, number`;
      const quoted: Array<{ id: string; number: string }> = [];
      for (const [shop, key] of [
        [alice, "a1"],
        [bob, "b1"],
        [alice, "a2"],
      ] as const) {
        const [row] = await queryRows<{ id: string; number: string }>(
          old.db,
          oldOrder(shop.seller.id, shop.product.id, key),
        );
        quoted.push(row!);
      }

      expect(await migrateWithLock(old)).toBeGreaterThan(0);
      const rows = await old.db.select().from(orders);
      for (const { id, number } of quoted) {
        expect(rows.find((row) => row.id === id)?.shopNumber).toBe(Number(number));
      }
      // "#1002", quoted before, is still Bob's order 1002.
      expect((await findOrder(old.db, bob.seller, Number(quoted[1]!.number)))?.id).toBe(
        quoted[1]!.id,
      );
      const next = await buy(old.db, alice.product.id);
      expect(next.shopNumber).toBe(Number(quoted[2]!.number) + 1);
      const bobsNext = await buy(old.db, bob.product.id);
      expect(bobsNext.shopNumber).toBe(Number(quoted[1]!.number) + 1);
    } finally {
      await old.close();
    }
  });
});
