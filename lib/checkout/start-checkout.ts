import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { orders, type Order } from "@/db/schema/orders";
import { checkoutSessions } from "@/db/schema/payments";
import { AppError } from "@/lib/platform/app-error";

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

  // Written before the order is updated, and kept whatever happens to the order: a payment
  // through this session is this order's money even if the order has moved on meanwhile.
  await db
    .insert(checkoutSessions)
    .values({ id: session.id, orderId: order.id, attempt: order.checkoutAttempt })
    .onConflictDoNothing();
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
