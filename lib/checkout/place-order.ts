import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { buyerDetailsSchema } from "./buyer-details";
import { attemptExpiry } from "./checkout-attempt";
import { replaceOpenOrders, takeBuyerProductTurn } from "./replace-open-orders";
import type { Database } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { deepLinkStarts } from "@/db/schema/channels";
import { orderEvents, orders } from "@/db/schema/orders";
import { AppError } from "@/lib/platform/app-error";
import { takeShopOrderNumber } from "@/lib/orders/shop-order-number";
import { reserveStock } from "@/lib/orders/stock";
import { isUniqueViolation } from "@/lib/platform/unique-violation";

export const placeOrderInput = z.object({
  productId: z.uuid(),
  quantity: z.int().min(1).max(100),
  buyerTelegramId: z.int().positive(),
  buyerLanguage: z.enum(["en", "de"]),
  details: buyerDetailsSchema,
  // One per dialog, so a repeated Confirm finds the order it already made.
  checkoutKey: z.string().min(1).max(200),
});

/**
 * Creates the order (pending payment) and reserves its stock in one transaction. Idempotent
 * per checkoutKey: a second Confirm returns the first order. A Confirm in a new dialog replaces
 * the buyer's open order of the same product (replace-open-orders.ts), in the same transaction:
 * one buyer holds one reservation per product, not as many as they care to confirm. Refuses
 * (AppError) with the product not found or unavailable, or out of stock, when the buyer cannot
 * have it; the open order it would have replaced then stays as it was.
 */
export async function placeOrder(db: Database, input: z.input<typeof placeOrderInput>) {
  const order = placeOrderInput.parse(input);
  try {
    return await insertOrder(db, order);
  } catch (error) {
    // Two Confirms of one dialog at the same instant: the loser hits the unique checkout key
    // and its transaction (with its stock reservation) is rolled back; it gets the winner's.
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.query.orders.findFirst({
      where: eq(orders.checkoutKey, order.checkoutKey),
    });
    if (!existing) throw error;
    return existing;
  }
}

async function stockLeft(tx: Database, productId: string) {
  const [row] = await tx
    .select({ stock: products.stock })
    .from(products)
    .where(eq(products.id, productId));
  return row?.stock;
}

async function insertOrder(db: Database, order: z.output<typeof placeOrderInput>) {
  return db.transaction(async (tx) => {
    const owner = { buyerTelegramId: order.buyerTelegramId, productId: order.productId };
    await takeBuyerProductTurn(tx, owner);
    const existing = await tx.query.orders.findFirst({
      where: eq(orders.checkoutKey, order.checkoutKey),
    });
    if (existing) return existing;

    const product = await tx.query.products.findFirst({ where: eq(products.id, order.productId) });
    if (!product) throw new AppError("not_found", "product");
    if (product.archivedAt) throw new AppError("unavailable", "archived", { title: product.title });
    // Released before the new reservation takes its own: the buyer may take the same units again.
    await replaceOpenOrders(tx, owner);
    if (!(await reserveStock(tx, product.id, order.quantity))) {
      // Read again: a racing buyer may have taken the stock since the first read.
      const left = (await stockLeft(tx, product.id)) ?? 0;
      if (left === 0) throw new AppError("unavailable", "sold_out", { title: product.title });
      throw new AppError("conflict", "out_of_stock", { available: left });
    }
    // Attributed to the post whose Buy button the buyer last opened this product from.
    const start = await tx.query.deepLinkStarts.findFirst({
      where: and(
        eq(deepLinkStarts.productId, product.id),
        eq(deepLinkStarts.buyerTelegramId, order.buyerTelegramId),
      ),
      orderBy: desc(deepLinkStarts.createdAt),
    });
    // Taken last, once the order is certain: the counter row stays locked until commit.
    const shopNumber = await takeShopOrderNumber(tx, product.sellerId);
    const [created] = await tx
      .insert(orders)
      .values({
        shopNumber,
        postId: start?.postId ?? null,
        sellerId: product.sellerId,
        productId: product.id,
        buyerTelegramId: order.buyerTelegramId,
        buyerLanguage: order.buyerLanguage,
        contactName: order.details.name,
        email: order.details.email,
        addressStreet: order.details.street,
        addressPostcode: order.details.postcode,
        addressCity: order.details.city,
        addressCountry: order.details.country,
        productTitle: product.title,
        quantity: order.quantity,
        currency: product.currency,
        unitAmountMinor: product.priceMinor,
        totalAmountMinor: product.priceMinor * order.quantity,
        checkoutKey: order.checkoutKey,
        // The first checkout attempt is taken with the order; its expiry is fixed from now on.
        checkoutExpiresAt: attemptExpiry(),
      })
      .returning();
    if (!created) throw new Error("order insert returned nothing");
    await tx
      .insert(orderEvents)
      .values({ orderId: created.id, toStatus: "pending_payment", actorKind: "buyer" });
    return created;
  });
}
