"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { stripeClient } from "@/lib/services";
import { database } from "@/lib/platform/database";
import type { AppError } from "@/lib/platform/app-error";
import { cancelOrder } from "@/lib/orders/cancel-order";
import { changeOrderStatus, changeOrdersStatus } from "@/lib/orders/change-order-status";
import { refundOrder, refundReasons } from "@/lib/orders/refund-order";
import { parseMajorUnits } from "@/lib/platform/money-input";
import { kickNotificationWorker } from "@/lib/jobs/start-worker";
import { formText, signedInFormAction } from "@/lib/auth/signed-in-action";
import type { OrderActionState } from "@/components/orders/order-actions";
import type { BulkState } from "@/components/orders/orders-bulk-bar";
import type { TrackingEditState } from "@/components/orders/shipment-editor";
import { correctTrackingNumber } from "@/lib/orders/correct-tracking-number";
import type { RefundState } from "@/components/orders/refund-dialog";

// The order id comes back from a hidden field, so anything may arrive: not an id is no order.
const orderForm = z.object({
  orderId: formText.pipe(z.uuid("invalidId")),
  action: formText,
  tracking: formText,
});
const targets = { ship: "shipped", deliver: "delivered" } as const;

// A tracking number that is too long is said at its field. Not this seller's order, not an
// order id at all, or not in a state for it: the same "cannot" either way.
function cannot(error: AppError): OrderActionState {
  if (error.code === "invalid" && error.details.fields?.trackingNumber) {
    return { trackingError: "tooLong" };
  }
  if (["not_found", "conflict", "invalid"].includes(error.code)) return { message: "cannot" };
  throw error;
}

export const orderAction = signedInFormAction<typeof orderForm, OrderActionState>(
  orderForm,
  { refused: cannot },
  async ({ orderId, action, tracking }, user) => {
    const db = await database();
    if (action === "cancel") {
      // Cancelling closes the buyer's payment link or refunds the payment: Stripe is needed.
      const stripe = stripeClient();
      if (!stripe) return { message: "cannot" };
      const { refund } = await cancelOrder(db, stripe, user, orderId);
      kickNotificationWorker();
      revalidatePath(`/orders/${orderId}`);
      revalidatePath("/orders");
      return { message: refund ? "refundRequested" : "changed" };
    }
    const to = targets[action as keyof typeof targets];
    if (!to) return { message: "cannot" };
    const trackingNumber = tracking.trim() || undefined;
    await changeOrderStatus(db, user, { orderId, to, trackingNumber });
    kickNotificationWorker();
    revalidatePath(`/orders/${orderId}`);
    revalidatePath("/orders");
    return { message: "changed" };
  },
);

const bulkForm = z.object({ to: formText });

export const bulkOrderAction = signedInFormAction<typeof bulkForm, BulkState>(
  bulkForm,
  {},
  async ({ to }, user, form) => {
    const orderIds = form.getAll("orderId").map(String);
    const target = to === "delivered" ? "delivered" : "shipped";
    const result = await changeOrdersStatus(await database(), user, orderIds, target);
    kickNotificationWorker();
    revalidatePath("/orders");
    return result;
  },
);

const trackingForm = z.object({
  orderId: formText.pipe(z.uuid("invalidId")),
  tracking: formText,
});

// An empty or too long number is said at its field; any other refusal is the same "cannot".
function cannotCorrect(error: AppError): TrackingEditState {
  const problem = error.code === "invalid" && error.details.fields?.trackingNumber?.key;
  if (problem === "tooLong" || problem === "required") return { trackingError: problem };
  if (["not_found", "conflict", "invalid"].includes(error.code)) return { message: "cannot" };
  throw error;
}

export const trackingAction = signedInFormAction<typeof trackingForm, TrackingEditState>(
  trackingForm,
  { refused: cannotCorrect },
  async ({ orderId, tracking }, user) => {
    const { changed } = await correctTrackingNumber(await database(), user, {
      orderId,
      trackingNumber: tracking,
    });
    if (!changed) return { message: "unchanged" };
    kickNotificationWorker();
    revalidatePath(`/orders/${orderId}`);
    return { message: "saved" };
  },
);

// The amount as the seller typed it ("12,50", "€ 12.50"), read as the product form reads prices.
const refundForm = z.object({
  orderId: formText.pipe(z.uuid("invalidId")),
  requestKey: formText.pipe(z.uuid("invalidKey")),
  amount: formText.transform((text, context) => {
    const minor = parseMajorUnits(text);
    if (minor === undefined || minor <= 0) {
      context.addIssue({ code: "custom", message: "positive" });
      return z.NEVER;
    }
    return minor;
  }),
  reason: formText.pipe(z.enum(refundReasons, "reason")),
  notifyBuyer: formText.transform((value) => value === "on"),
});

function refundRefused(error: AppError): RefundState {
  const amount = error.details.fields?.amount;
  if (error.code === "invalid" && amount) {
    return { amountError: amount.key === "overRemaining" ? "overRemaining" : "invalid" };
  }
  if (["not_found", "conflict", "invalid"].includes(error.code)) return { cannot: true };
  throw error;
}

export const refundAction = signedInFormAction<typeof refundForm, RefundState>(
  refundForm,
  { refused: refundRefused },
  async ({ orderId, requestKey, amount, reason, notifyBuyer }, user) => {
    const stripe = stripeClient();
    if (!stripe) return { cannot: true };
    await refundOrder(await database(), stripe, user, orderId, {
      amountMinor: amount,
      reason,
      notifyBuyer,
      requestKey,
    });
    revalidatePath(`/orders/${orderId}`);
    return { done: true };
  },
);
