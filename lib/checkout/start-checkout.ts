import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { orders, type Order } from "@/db/schema/orders";
import { checkoutSessions } from "@/db/schema/payments";
import { AppError } from "@/lib/platform/app-error";
import { enqueue } from "@/lib/jobs/outbox";
import { expireCheckoutSessionJob } from "@/lib/payments/expire-checkout-session";
import { spentIdempotencyKey, stripeFailure } from "@/lib/platform/stripe-failure";
import { attemptSendable, checkoutIdempotencyKey, takeNextAttempt } from "./checkout-attempt";

export interface CheckoutUrls {
  /** The app's public address; the checkout result pages live under it. */
  publicUrl: string;
}

/**
 * The Stripe Checkout link for a pending order: the one it already has while that is still
 * valid, else a Checkout Session for its current attempt. The idempotency key is per order and
 * attempt, so a retried or doubled request can never open a second session for the same
 * payment; when Stripe will not take that key again, the order moves on to a new attempt for
 * the next try.
 */
export async function startCheckout(
  db: Database,
  stripe: Stripe,
  orderId: string,
  urls: CheckoutUrls,
): Promise<{ order: Order; url: string }> {
  let order = assertPending(await db.query.orders.findFirst({ where: eq(orders.id, orderId) }));
  const stillValid =
    order.stripeCheckoutUrl &&
    order.checkoutExpiresAt &&
    order.checkoutExpiresAt.getTime() > Date.now() + 60_000;
  if (stillValid && order.stripeCheckoutUrl) return { order, url: order.stripeCheckoutUrl };
  if (!attemptSendable(order)) order = assertPending(await takeNextAttempt(db, order));

  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(sessionParams(order, urls), {
      idempotencyKey: checkoutIdempotencyKey(order),
    });
  } catch (error) {
    const failure = stripeFailure(error);
    if (failure && spentIdempotencyKey(failure)) await takeNextAttempt(db, order);
    throw error;
  }
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
  if (!updated) {
    // The order moved on while Stripe made the session (the buyer's newer checkout replaced
    // it, or it was paid or given up): a link to it must not go out, nor stay payable.
    await enqueue(db, expireCheckoutSessionJob.of({ orderId: order.id, sessionId: session.id }));
    const now = await db.query.orders.findFirst({ where: eq(orders.id, order.id) });
    throw new AppError("conflict", "transition", {
      from: now?.status ?? order.status,
      to: "pending_payment",
    });
  }
  return { order: updated, url: session.url };
}

function assertPending(order: Order | undefined): Order {
  if (!order) throw new AppError("not_found", "order");
  if (order.status !== "pending_payment")
    throw new AppError("conflict", "transition", { from: order.status, to: "pending_payment" });
  return order;
}

// Everything here comes from what the order stored when it was placed (the product's title and
// price then, the buyer's details) and from its attempt (the expiry), never from the clock or the
// product now: a retry must send what the first try sent. Only the app's public address is
// configuration; if it changes between tries, Stripe's idempotency_error moves the order on.
function sessionParams(order: Order, urls: CheckoutUrls): Stripe.Checkout.SessionCreateParams {
  if (!order.checkoutExpiresAt) throw new Error(`order ${order.id} has no attempt expiry`);
  // The number the seller and buyer quote, as they see it in Stripe. Orders from before shop
  // numbers kept their old number as their shop number, so a retry of a session they started
  // then sends the same parameters as the first try did.
  const metadata = { order_id: order.id, order_number: String(order.shopNumber) };
  const resultUrl = (outcome: string) =>
    new URL(`/checkout/${outcome}?order=${order.shopNumber}`, urls.publicUrl).toString();
  return {
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
    expires_at: Math.floor(order.checkoutExpiresAt.getTime() / 1000),
    success_url: resultUrl("success"),
    cancel_url: resultUrl("cancelled"),
    locale: order.buyerLanguage === "de" ? "de" : "en",
  };
}
