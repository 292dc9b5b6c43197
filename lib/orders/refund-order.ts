import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { recordAudit } from "@/lib/platform/record-audit";
import type { User } from "@/db/schema/users";
import { AppError } from "@/lib/platform/app-error";
import { stripeFailure } from "@/lib/platform/stripe-failure";
import { requireOrder } from "./find-order";
import { refundedAmount } from "./refunded-amount";

const refundable = new Set(["paid", "shipped", "delivered", "cancelled"]);

/** Stripe's own reasons (RefundCreateParams.reason): the ones its dashboard offers too. */
export const refundReasons = ["requested_by_customer", "duplicate", "fraudulent"] as const;
export type RefundReason = (typeof refundReasons)[number];

export interface RefundRequest {
  /** Minor units; without it, everything not yet refunded. */
  amountMinor?: number;
  reason?: RefundReason;
  /** Whether the buyer gets a Telegram message when Stripe confirms the refund. */
  notifyBuyer?: boolean;
  /**
   * One per refund the seller means (the dialog's form carries it): a double submit of the
   * same form is one refund, a second partial refund of the same amount is another.
   */
  requestKey?: string;
}

/**
 * Refunds all or part of a paid order through Stripe. The order becomes "refunded" when
 * Stripe's charge.refunded event says the whole charge went back (the one place that knows the
 * money moved). The order is locked while Stripe is asked, so two requests for one order do
 * not both pass the "at most what remains" check, and the webhook reads this request's choices.
 */
export async function refundOrder(
  db: Database,
  stripe: Stripe,
  actor: User,
  orderId: string,
  request: RefundRequest = {},
) {
  return db.transaction(async (tx) => {
    const order = await requireOrder(tx, actor, orderId, { lock: true });
    if (!refundable.has(order.status) || !order.stripePaymentIntentId) {
      throw new AppError("conflict", "transition", { from: order.status, to: "refunded" });
    }
    const remaining = order.totalAmountMinor - (await refundedAmount(tx, order.id));
    const amount = request.amountMinor;
    if (amount !== undefined && (!Number.isSafeInteger(amount) || amount <= 0)) {
      throw new AppError("invalid", "refund", { fields: { amount: { key: "positive" } } });
    }
    if (amount !== undefined && amount > remaining) {
      throw new AppError("invalid", "refund", {
        fields: { amount: { key: "overRemaining", over: remaining } },
      });
    }
    await recordAudit(tx, {
      actorUserId: actor.id,
      action: "order.refund_requested",
      targetType: "order",
      targetId: order.id,
      data: {
        amount: amount ?? remaining,
        reason: request.reason ?? null,
        notifyBuyer: request.notifyBuyer ?? true,
      },
    });
    try {
      return await stripe.refunds.create(
        {
          payment_intent: order.stripePaymentIntentId,
          ...(amount !== undefined ? { amount } : {}),
          ...(request.reason ? { reason: request.reason } : {}),
          metadata: { order_id: order.id },
        },
        {
          idempotencyKey: request.requestKey
            ? `refund-${order.id}-${request.requestKey}`
            : `refund-${order.id}`,
        },
      );
    } catch (error) {
      // Refunded elsewhere meanwhile (Stripe's dashboard) and its event not here yet: the
      // seller's figure was stale, which is theirs to correct, not a failure of ours.
      const code = stripeFailure(error)?.code;
      if (code === "amount_too_large" || code === "charge_already_refunded") {
        throw new AppError("invalid", "refund", {
          fields: { amount: { key: "overRemaining", over: remaining } },
        });
      }
      throw error;
    }
  });
}
