import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "@/test/postgres-server";
import { startNeonWsProxy, type NeonWsProxy } from "@/test/neon-ws-proxy";
import { createSellerWithProduct } from "@/test/fixtures";
import { connectDatabase, type DatabaseConnection, type DatabaseOptions } from "./client";
import { migrateWithLock, migrationStatus } from "./migrate";
import { products } from "@/db/schema/catalog";
import { orders } from "@/db/schema/orders";

let proxy: NeonWsProxy;
const tempDirs: string[] = [];

beforeAll(async () => {
  proxy = await startNeonWsProxy();
});

afterAll(async () => {
  await proxy.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "promo-pglite-"));
  tempDirs.push(dir);
  return dir;
}

// The three ways the app reaches Postgres, each against a real database engine.
const drivers: Record<string, () => Promise<DatabaseOptions>> = {
  "pg: node-postgres on a real PostgreSQL server": async () => ({
    url: await createTestDatabase(inject("postgresUrl"), "drivers_pg"),
    dataDir: tempDir(),
  }),
  "neon: Neon's serverless driver through a WebSocket proxy to PostgreSQL": async () => ({
    url: await createTestDatabase(inject("postgresUrl"), "drivers_neon"),
    driver: "neon",
    neonWsProxy: proxy.wsProxy,
    dataDir: tempDir(),
  }),
  "pglite: embedded PGlite on disk": async () => ({ dataDir: tempDir() }),
};

describe.each(Object.entries(drivers))("%s", (name, options) => {
  let connection: DatabaseConnection;

  beforeAll(async () => {
    connection = await connectDatabase(await options());
  });

  afterAll(async () => {
    await connection?.close();
  });

  it("is served by the driver it names", () => {
    expect(connection.driver).toBe(name.split(":")[0]);
  });

  it("reports migrations missing before they run and current after", async () => {
    expect((await migrationStatus(connection.db)).current).toBe(false);
    expect(await migrateWithLock(connection)).toBeGreaterThan(0);
    const status = await migrationStatus(connection.db);
    expect(status).toMatchObject({ current: true });
    expect(status.applied).toBe(status.expected);
    // Running again (the next container starting) finds nothing left to do.
    expect(await migrateWithLock(connection)).toBe(0);
  });

  it("stores a seller, a product and an order and reads them back", async () => {
    const { seller, product } = await createSellerWithProduct(connection.db);
    const [order] = await connection.db
      .insert(orders)
      .values({
        sellerId: seller.id,
        shopNumber: 1,
        productId: product.id,
        buyerTelegramId: 123_456_789,
        contactName: "Erika Mustermann",
        email: "erika@example.com",
        addressStreet: "Hauptstraße 1",
        addressPostcode: "10115",
        addressCity: "Berlin",
        addressCountry: "DE",
        productTitle: product.title,
        quantity: 2,
        currency: product.currency,
        unitAmountMinor: product.priceMinor,
        totalAmountMinor: product.priceMinor * 2,
        checkoutKey: `test:${seller.id}`,
      })
      .returning();
    expect(order?.number).toBeGreaterThanOrEqual(1001);
    expect(order?.shopNumber).toBe(1);
    expect(order?.status).toBe("pending_payment");

    const found = await connection.db.query.orders.findFirst({
      where: eq(orders.buyerTelegramId, 123_456_789),
    });
    expect(found).toMatchObject({
      contactName: "Erika Mustermann",
      addressCity: "Berlin",
      totalAmountMinor: 2580,
      currency: "EUR",
    });
  });

  it("refuses a negative price at the database, not only in forms", async () => {
    await expect(createSellerWithProduct(connection.db, { priceMinor: -1 })).rejects.toThrow();
    const negative = await connection.db.select().from(products).where(eq(products.priceMinor, -1));
    expect(negative).toHaveLength(0);
  });
});

describe("migrations started by several app copies at once", () => {
  it("apply once under the advisory lock, and every copy comes up", async () => {
    const url = await createTestDatabase(inject("postgresUrl"), "drivers_race");
    const copies = await Promise.all(
      Array.from({ length: 4 }, () => connectDatabase({ url, dataDir: tempDir() })),
    );
    try {
      const applied = await Promise.all(copies.map((copy) => migrateWithLock(copy)));
      const status = await migrationStatus(copies[0]!.db);
      expect(applied.reduce((sum, n) => sum + n, 0)).toBe(status.expected);
      expect(status.current).toBe(true);
    } finally {
      await Promise.all(copies.map((copy) => copy.close()));
    }
  });
});

describe("embedded PGlite", () => {
  it("keeps its data across a restart", async () => {
    const dataDir = tempDir();
    const first = await connectDatabase({ dataDir });
    await migrateWithLock(first);
    const { product } = await createSellerWithProduct(first.db);
    await first.close();

    const second = await connectDatabase({ dataDir });
    try {
      const found = await second.db.query.products.findFirst({
        where: eq(products.id, product.id),
      });
      expect(found?.title).toBe("Espresso Blend 250 g");
      expect(await migrateWithLock(second)).toBe(0);
    } finally {
      await second.close();
    }
  });
});
