import type Stripe from "stripe";

/**
 * What became of an order's Checkout Session: "closed" (it cannot be paid any more) or
 * "completed" (the buyer paid, or started a delayed payment, before it could be closed; the
 * money arrives as a webhook).
 */
export type ClosedCheckout = "closed" | "completed";

/**
 * Makes sure an order's Checkout Session can no longer be paid, by expiring it at Stripe if it
 * is still open. Stripe's failures are thrown, so the caller's change is not made and can be
 * tried again: without an answer we cannot tell the buyer their link is closed. If the buyer
 * completes it in the instant between the two calls, Stripe refuses the expiry, which is
 * thrown too, and a second try finds it completed.
 */
export async function closeCheckout(
  stripe: Stripe,
  sessionId: string | null,
): Promise<ClosedCheckout> {
  if (!sessionId) return "closed";
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  if (session.status === "complete") return "completed";
  if (session.status === "open") await stripe.checkout.sessions.expire(sessionId);
  return "closed";
}
