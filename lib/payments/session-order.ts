import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { logger } from "@/lib/platform/logger";
import { lockOrder } from "@/lib/orders/transition-order";
import { addLogFields } from "@/lib/platform/request-context";

/** Who changes an order when a Stripe event does, on the order's timeline. */
export const stripeActor = { kind: "stripe" } as const;

// Our order id travels in the session's metadata and client_reference_id, and in the
// PaymentIntent's metadata (for refunds); the payment intent id is the last resort.
export function orderIdOfSession(session: Stripe.Checkout.Session): string | undefined {
  return session.metadata?.order_id ?? session.client_reference_id ?? undefined;
}

/** The id of a PaymentIntent, whether Stripe sent the id or the expanded object. */
export function paymentIntentId(value: string | { id: string } | null | undefined) {
  return typeof value === "string" ? value : value?.id;
}

/**
 * The order a Checkout Session names, locked until the transaction ends. Only the order the
 * session claims to be for: whether it really is one of that order's sessions is for the
 * caller to check.
 */
export async function lockSessionOrder(tx: Database, session: Stripe.Checkout.Session) {
  const orderId = orderIdOfSession(session);
  const order = orderId ? await lockOrder(tx, orderId) : undefined;
  if (!order) {
    logger.warn({ sessionId: session.id }, "Stripe session for an unknown order");
    return undefined;
  }
  addLogFields({ orderId: order.id, sellerId: order.sellerId });
  return order;
}
