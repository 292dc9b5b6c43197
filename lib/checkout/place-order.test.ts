import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { orderEvents, orders } from "@/db/schema/orders";
import { migratedTestDatabase } from "@/test/database";
import { buyerDetails, createSellerWithProduct } from "@/test/fixtures";
import { buyerDetailFields } from "./buyer-details";
import { placeOrder } from "./place-order";
import { AppError } from "@/lib/platform/app-error";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("checkout");
});
afterAll(() => connection.close());

const order = (productId: string, checkoutKey: string, quantity = 1, buyerTelegramId = 4242) => ({
  productId,
  quantity,
  buyerTelegramId,
  buyerLanguage: "de" as const,
  details: buyerDetails,
  checkoutKey,
});

async function stockOf(productId: string) {
  const product = await connection.db.query.products.findFirst({
    where: eq(products.id, productId),
  });
  return product?.stock;
}

describe("placeOrder", () => {
  it("creates a pending order with the product's price and reserves its stock", async () => {
    const { product } = await createSellerWithProduct(connection.db, { stock: 5 });
    const placed = await placeOrder(connection.db, order(product.id, "k-create", 2));
    expect(placed).toMatchObject({
      status: "pending_payment",
      quantity: 2,
      unitAmountMinor: 1290,
      totalAmountMinor: 2580,
      currency: "EUR",
      productTitle: "Espresso Blend 250 g",
      addressCity: "Berlin",
    });
    expect(await stockOf(product.id)).toBe(3);
    const events = await connection.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, placed.id));
    expect(events).toMatchObject([{ fromStatus: null, toStatus: "pending_payment" }]);
  });

  it("returns the same order for a second Confirm of the same dialog", async () => {
    const { product } = await createSellerWithProduct(connection.db, { stock: 5 });
    const [first, second] = await Promise.all([
      placeOrder(connection.db, order(product.id, "k-twice")),
      placeOrder(connection.db, order(product.id, "k-twice")),
    ]);
    expect(second?.id).toBe(first?.id);
    const rows = await connection.db.select().from(orders).where(eq(orders.checkoutKey, "k-twice"));
    expect(rows).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(4);
  });

  it("lets only one of two racing buyers have the last item", async () => {
    const { product } = await createSellerWithProduct(connection.db, { stock: 1 });
    const results = await Promise.allSettled([
      placeOrder(connection.db, order(product.id, "k-race-a", 1, 4243)),
      placeOrder(connection.db, order(product.id, "k-race-b", 1, 4244)),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
      code: "unavailable",
      reason: "sold_out",
    });
    expect(await stockOf(product.id)).toBe(0);
  });

  it("refuses more than is left, saying how many are", async () => {
    const { product } = await createSellerWithProduct(connection.db, { stock: 2 });
    await expect(placeOrder(connection.db, order(product.id, "k-many", 3))).rejects.toEqual(
      new AppError("conflict", "out_of_stock", { available: 2 }),
    );
    expect(await stockOf(product.id)).toBe(2);
  });

  it("never runs out of unlimited stock", async () => {
    const { product } = await createSellerWithProduct(connection.db, { stock: null });
    await placeOrder(connection.db, order(product.id, "k-unlimited", 7));
    expect(await stockOf(product.id)).toBeNull();
  });

  it("refuses an archived product", async () => {
    const { product } = await createSellerWithProduct(connection.db);
    await connection.db
      .update(products)
      .set({ archivedAt: new Date() })
      .where(eq(products.id, product.id));
    await expect(placeOrder(connection.db, order(product.id, "k-archived"))).rejects.toMatchObject({
      code: "unavailable",
      reason: "archived",
    });
  });
});

const ordersOf = (buyerTelegramId: number, productId: string) =>
  connection.db
    .select()
    .from(orders)
    .where(and(eq(orders.buyerTelegramId, buyerTelegramId), eq(orders.productId, productId)))
    .orderBy(orders.number);

describe("one open reservation per buyer and product", () => {
  it("replaces the buyer's open order on a new Confirm, so the rest stays for others", async () => {
    const { product } = await createSellerWithProduct(connection.db, { stock: 30 });
    const { product: other } = await createSellerWithProduct(connection.db, { stock: 5 });
    const otherProduct = await placeOrder(connection.db, order(other.id, "k-hoard-other", 1, 5001));
    const otherBuyer = await placeOrder(connection.db, order(product.id, "k-hoard-b", 5, 5002));
    for (const key of ["k-hoard-1", "k-hoard-2", "k-hoard-3"]) {
      await placeOrder(connection.db, order(product.id, key, 10, 5001));
    }

    const mine = await ordersOf(5001, product.id);
    expect(mine.map((row) => [row.checkoutKey, row.status])).toEqual([
      ["k-hoard-1", "expired"],
      ["k-hoard-2", "expired"],
      ["k-hoard-3", "pending_payment"],
    ]);
    // 30 - 5 for the other buyer - 10 for this one's last Confirm.
    expect(await stockOf(product.id)).toBe(15);
    const events = await connection.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, mine[0]!.id));
    expect(events.at(-1)).toMatchObject({
      fromStatus: "pending_payment",
      toStatus: "expired",
      actorKind: "buyer",
      note: "replaced by the buyer's newer checkout",
    });
    // Another buyer's order, and the same buyer's order of another product, stay open.
    for (const kept of [otherProduct, otherBuyer]) {
      const row = await connection.db.query.orders.findFirst({ where: eq(orders.id, kept.id) });
      expect(row?.status).toBe("pending_payment");
    }
    await placeOrder(connection.db, order(product.id, "k-hoard-c", 10, 5003));
    expect(await stockOf(product.id)).toBe(5);
  });

  it("leaves exactly one open reservation after ten Confirms at the same instant", async () => {
    const { product } = await createSellerWithProduct(connection.db, { stock: 30 });
    const placed = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        placeOrder(connection.db, order(product.id, `k-burst-${i}`, 3, 5101)),
      ),
    );
    expect(new Set(placed.map((row) => row.id)).size).toBe(10);
    const open = (await ordersOf(5101, product.id)).filter(
      (row) => row.status === "pending_payment",
    );
    expect(open).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(27);
  });

  it("counts the buyer's own reservation as available, and keeps it when refused", async () => {
    const { product } = await createSellerWithProduct(connection.db, { stock: 2 });
    const first = await placeOrder(connection.db, order(product.id, "k-keep-1", 1, 5201));
    await expect(placeOrder(connection.db, order(product.id, "k-keep-2", 3, 5201))).rejects.toEqual(
      new AppError("conflict", "out_of_stock", { available: 2 }),
    );
    const row = await connection.db.query.orders.findFirst({ where: eq(orders.id, first.id) });
    expect(row?.status).toBe("pending_payment");
    expect(await stockOf(product.id)).toBe(1);
  });
});

describe("buyer detail validation", () => {
  it("accepts real-world answers", () => {
    expect(buyerDetailFields.email.parse(" Erika@Example.com ")).toBe("Erika@Example.com");
    expect(buyerDetailFields.country.parse("at")).toBe("AT");
    expect(buyerDetailFields.postcode.parse("SW1A 1AA")).toBe("SW1A 1AA");
    expect(buyerDetailFields.name.parse("Zoë Ñúñez")).toBe("Zoë Ñúñez");
  });

  it("rejects what cannot be shipped to or mailed", () => {
    expect(buyerDetailFields.email.safeParse("erika@").success).toBe(false);
    expect(buyerDetailFields.country.safeParse("XX").success).toBe(false);
    expect(buyerDetailFields.postcode.safeParse("!").success).toBe(false);
    expect(buyerDetailFields.name.safeParse("12").success).toBe(false);
  });
});
