import { eq } from "drizzle-orm";
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

const order = (productId: string, checkoutKey: string, quantity = 1) => ({
  productId,
  quantity,
  buyerTelegramId: 4242,
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
      placeOrder(connection.db, order(product.id, "k-race-a")),
      placeOrder(connection.db, order(product.id, "k-race-b")),
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
