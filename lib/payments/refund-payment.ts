import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { PermanentDeliveryError } from "@/lib/jobs/outbox";
import { logger } from "@/lib/platform/logger";
import { recordAudit } from "@/lib/platform/record-audit";
import { stripeFailure } from "@/lib/platform/stripe-failure";

const refundPayload = z.object({
  // A Postgres uuid (any 8-4-4-4-12 hex), like every order notice's.
  orderId: z.guid(),
  paymentIntentId: z.string().min(1),
});

/**
 * Gives back a payment the order had no use for (it came after the seller cancelled the
 * order), in full, through Stripe. Stripe's charge.refunded then closes the order as refunded
 * and the buyer is told. Queued in the transaction that met the payment; the idempotency key
 * makes a retried job one refund.
 */
export const refundPaymentJob = defineJob({
  kind: "order.payment.refund",
  schema: refundPayload,
  dedupeKey: ({ orderId, paymentIntentId }) => `order.payment.refund:${orderId}:${paymentIntentId}`,
  async run(tx, { orderId, paymentIntentId }, { stripe }) {
    if (!stripe) throw new Error("Stripe is not configured: the refund waits for it");
    try {
      const refund = await stripe.refunds.create(
        { payment_intent: paymentIntentId, metadata: { order_id: orderId } },
        { idempotencyKey: `refund-${orderId}-${paymentIntentId}` },
      );
      await recordAudit(tx, {
        action: "order.refund_requested",
        targetType: "order",
        targetId: orderId,
        data: { refundId: refund.id, amount: refund.amount, reason: "payment for a closed order" },
      });
    } catch (error) {
      const failure = stripeFailure(error);
      // Refunded already (by hand in Stripe's dashboard): what this job was for is done.
      if (failure?.code === "charge_already_refunded") return;
      if (failure?.type === "StripeInvalidRequestError") {
        // Retrying the same request gets the same answer: a person must look (the Monitoring
        // page lists jobs the outbox gave up on).
        logger.error(
          { err: error, orderId, paymentIntentId },
          "Stripe refused an automatic refund",
        );
        throw new PermanentDeliveryError(`Stripe refused the refund: ${failure.message}`);
      }
      throw error;
    }
  },
});
