import { and, desc, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { z } from "zod";
import type { Database } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { deepLinkStarts } from "@/db/schema/channels";
import { orderEvents, orders, type Order } from "@/db/schema/orders";
import { AppError } from "@/lib/platform/app-error";
import { lockOrder, transitionOrder } from "@/lib/orders/transition-order";
import { reserveStock } from "@/lib/orders/stock";
import { isUniqueViolation } from "@/lib/platform/unique-violation";

// Where we ship. Stripe and the carriers' address formats are well-known for these.
export const shippingCountries = [
  "DE", "AT", "CH", "LI", "LU", "BE", "NL", "FR", "IT", "ES", "PT", "IE", "DK", "SE", "FI",
  "NO", "PL", "CZ", "SK", "SI", "HU", "GB", "US", "CA",
] as const; // prettier-ignore

/** One schema per dialog answer, so the bot can re-ask exactly the answer that was wrong. */
export const buyerDetailFields = {
  name: z.string().trim().min(2).max(100).regex(/\p{L}/u),
  street: z.string().trim().min(3).max(200).regex(/\p{L}/u),
  postcode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/),
  city: z.string().trim().min(2).max(100).regex(/\p{L}/u),
  country: z.string().trim().toUpperCase().pipe(z.enum(shippingCountries)),
  email: z.string().trim().pipe(z.email()).pipe(z.string().max(254)),
};
export const buyerDetailsSchema = z.object(buyerDetailFields);
export type BuyerDetails = z.infer<typeof buyerDetailsSchema>;

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
 * per checkoutKey: a second Confirm returns the first order. Refuses (AppError) with the
 * product not found or unavailable, or out of stock, when the buyer cannot have it.
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
    const existing = await tx.query.orders.findFirst({
      where: eq(orders.checkoutKey, order.checkoutKey),
    });
    if (existing) return existing;

    const product = await tx.query.products.findFirst({ where: eq(products.id, order.productId) });
    if (!product) throw new AppError("not_found", "product");
    if (product.archivedAt) throw new AppError("unavailable", "archived", { title: product.title });
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
    const [created] = await tx
      .insert(orders)
      .values({
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
      })
      .returning();
    if (!created) throw new Error("order insert returned nothing");
    await tx
      .insert(orderEvents)
      .values({ orderId: created.id, toStatus: "pending_payment", actorKind: "buyer" });
    return created;
  });
}

/** The buyer's details from their last order, offered so a returning buyer need not retype. */
export async function lastBuyerDetails(db: Database, buyerTelegramId: number) {
  const last = await db.query.orders.findFirst({
    where: eq(orders.buyerTelegramId, buyerTelegramId),
    orderBy: desc(orders.createdAt),
  });
  if (!last) return undefined;
  const details = buyerDetailsSchema.safeParse({
    name: last.contactName,
    street: last.addressStreet,
    postcode: last.addressPostcode,
    city: last.addressCity,
    country: last.addressCountry,
    email: last.email,
  });
  return details.success ? details.data : undefined;
}

export interface CheckoutUrls {
  /** The app's public address; the checkout result pages live under it. */
  publicUrl: string;
}

// Stripe allows 30 min to 24 h; 45 min is long enough to find a card, short enough that
// reserved stock comes back soon when a buyer walks away.
export const CHECKOUT_LIFETIME_SECONDS = 45 * 60;

/**
 * The Stripe Checkout link for a pending order: the one it already has while that is still
 * valid, else a new Checkout Session. The idempotency key is per order and attempt, so a
 * retried or doubled request can never open a second session for the same payment.
 */
export async function startCheckout(
  db: Database,
  stripe: Stripe,
  orderId: string,
  urls: CheckoutUrls,
): Promise<{ order: Order; url: string }> {
  const order = await db.query.orders.findFirst({ where: eq(orders.id, orderId) });
  if (!order) throw new AppError("not_found", "order");
  if (order.status !== "pending_payment")
    throw new AppError("conflict", "transition", { from: order.status, to: "pending_payment" });
  const stillValid =
    order.stripeCheckoutUrl &&
    order.checkoutExpiresAt &&
    order.checkoutExpiresAt.getTime() > Date.now() + 60_000;
  if (stillValid && order.stripeCheckoutUrl) return { order, url: order.stripeCheckoutUrl };

  const metadata = { order_id: order.id, order_number: String(order.number) };
  const resultUrl = (outcome: string) =>
    new URL(`/checkout/${outcome}?order=${order.number}`, urls.publicUrl).toString();
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          quantity: order.quantity,
          price_data: {
            currency: order.currency.toLowerCase(),
            unit_amount: order.unitAmountMinor,
            product_data: { name: order.productTitle },
          },
        },
      ],
      customer_email: order.email,
      client_reference_id: order.id,
      metadata,
      // Refunds and disputes arrive about the PaymentIntent/Charge: this maps them back.
      payment_intent_data: { metadata },
      expires_at: Math.floor(Date.now() / 1000) + CHECKOUT_LIFETIME_SECONDS,
      success_url: resultUrl("success"),
      cancel_url: resultUrl("cancelled"),
      locale: order.buyerLanguage === "de" ? "de" : "en",
    },
    { idempotencyKey: `checkout-${order.id}-${order.checkoutAttempt}` },
  );
  if (!session.url) throw new Error(`Stripe returned session ${session.id} without a URL`);

  const [updated] = await db
    .update(orders)
    .set({
      stripeCheckoutSessionId: session.id,
      stripeCheckoutUrl: session.url,
      checkoutExpiresAt: new Date(session.expires_at * 1000),
      updatedAt: new Date(),
    })
    .where(and(eq(orders.id, order.id), eq(orders.status, "pending_payment")))
    .returning();
  return { order: updated ?? order, url: session.url };
}

/**
 * Re-opens an order whose checkout expired or whose payment failed, so the buyer gets a fresh
 * link for the same order number, if the stock is still there.
 */
export async function reopenOrder(db: Database, orderId: string, buyerTelegramId: number) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order || order.buyerTelegramId !== buyerTelegramId)
      throw new AppError("not_found", "order");
    if (order.status === "pending_payment") return order;
    if (order.status !== "expired" && order.status !== "payment_failed") {
      throw new AppError("conflict", "transition", { from: order.status, to: "pending_payment" });
    }
    if (!(await reserveStock(tx, order.productId, order.quantity))) {
      throw new AppError("unavailable", "sold_out");
    }
    return transitionOrder(
      tx,
      order,
      "pending_payment",
      { kind: "buyer" },
      {
        checkoutAttempt: order.checkoutAttempt + 1,
        stripeCheckoutSessionId: null,
        stripeCheckoutUrl: null,
        checkoutExpiresAt: null,
      },
    );
  });
}
