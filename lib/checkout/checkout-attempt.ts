import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders, type Order } from "@/db/schema/orders";
import { AppError } from "@/lib/platform/app-error";

// Stripe allows 30 min to 24 h; 45 min is long enough to find a card, short enough that
// reserved stock comes back soon when a buyer walks away.
export const CHECKOUT_LIFETIME_SECONDS = 45 * 60;
// Stripe refuses an expires_at less than 30 minutes after it creates the session; a minute
// more covers the request's way there and a clock that is a little off.
const SENDABLE_LIFETIME_SECONDS = 30 * 60 + 60;

/*
 * An attempt is one Checkout Session request for an order. Its idempotency key names the order
 * and the attempt number, and its expiry is fixed (and stored) when the attempt is taken: Stripe
 * answers a key sent again with other parameters with idempotency_error for 24 hours, so every
 * send of one attempt must carry the same ones.
 */

export function checkoutIdempotencyKey(order: Pick<Order, "id" | "checkoutAttempt">) {
  return `checkout-${order.id}-${order.checkoutAttempt}`;
}

/** The expiry of an attempt taken now, in whole seconds as Stripe's expires_at is. */
export function attemptExpiry(nowMs = Date.now()): Date {
  return new Date((Math.floor(nowMs / 1000) + CHECKOUT_LIFETIME_SECONDS) * 1000);
}

/** The order's columns for its next attempt: a new key, a new expiry, no session yet. */
export function nextAttempt(order: Pick<Order, "checkoutAttempt">) {
  return {
    checkoutAttempt: order.checkoutAttempt + 1,
    checkoutExpiresAt: attemptExpiry(),
    stripeCheckoutSessionId: null,
    stripeCheckoutUrl: null,
  };
}

/**
 * Whether Stripe would still open a session with this attempt's expiry. An order from before
 * expiries were fixed per attempt has none: its key may have gone out with any expires_at.
 */
export function attemptSendable(order: Pick<Order, "checkoutExpiresAt">, nowMs = Date.now()) {
  const expiresAt = order.checkoutExpiresAt?.getTime();
  return expiresAt !== undefined && expiresAt >= nowMs + SENDABLE_LIFETIME_SECONDS * 1000;
}

/**
 * Moves a pending order on to its next attempt. When a concurrent request already did, returns
 * the order as that left it, so both send the same attempt.
 */
export async function takeNextAttempt(db: Database, order: Order): Promise<Order> {
  const [moved] = await db
    .update(orders)
    .set({ ...nextAttempt(order), updatedAt: new Date() })
    .where(
      and(
        eq(orders.id, order.id),
        eq(orders.status, "pending_payment"),
        eq(orders.checkoutAttempt, order.checkoutAttempt),
      ),
    )
    .returning();
  if (moved) return moved;
  const current = await db.query.orders.findFirst({ where: eq(orders.id, order.id) });
  if (!current) throw new AppError("not_found", "order");
  return current;
}
