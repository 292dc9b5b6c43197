import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { logger } from "@/lib/platform/logger";
import { stripeFailure } from "@/lib/platform/stripe-failure";

const expirePayload = z.object({
  // A Postgres uuid (any 8-4-4-4-12 hex), like every order job's.
  orderId: z.guid(),
  sessionId: z.string().min(1),
});

/**
 * Closes a Checkout Session the order no longer wants paid (the buyer's newer checkout
 * replaced it), so its Pay button leads to Stripe's "expired" page instead of a payment.
 * Queued in the transaction that gave the order up; Stripe's own checkout.session.expired then
 * finds the order closed and does nothing.
 *
 * A session that was paid before this ran cannot be expired (Stripe refuses: it is complete).
 * Nothing is lost then: its checkout.session.completed pays the order as a late payment does
 * (lib/payments/mark-paid.ts), once, like every Stripe event.
 */
export const expireCheckoutSessionJob = defineJob({
  kind: "checkout.session.expire",
  schema: expirePayload,
  dedupeKey: ({ sessionId }) => `checkout.session.expire:${sessionId}`,
  async run(_tx, { orderId, sessionId }, { stripe }) {
    if (!stripe) throw new Error("Stripe is not configured: the session's expiry waits for it");
    try {
      await stripe.checkout.sessions.expire(sessionId);
    } catch (error) {
      // Not open any more (paid, or expired already) or unknown to Stripe: asking again gets
      // the same answer, and there is nothing left to close.
      if (stripeFailure(error)?.type !== "StripeInvalidRequestError") throw error;
      logger.info(
        { err: error, orderId, sessionId },
        "replaced checkout session not expired: it is no longer open",
      );
    }
  },
});
