import type Stripe from "stripe";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { placeOrder, type placeOrderInput } from "./place-order";
import { startCheckout, type CheckoutUrls } from "./start-checkout";
import { isAppError } from "@/lib/platform/app-error";
import { logger } from "@/lib/platform/logger";
import { stripeFailure } from "@/lib/platform/stripe-failure";

/** Plain data only: the bot's dialog stores this result and replays it. */
export type CheckoutResult =
  | {
      kind: "ready";
      orderId: string;
      url: string;
      number: number;
      totalMinor: number;
      currency: string;
    }
  | { kind: "not_pending"; number: number }
  | { kind: "out_of_stock"; available: number }
  | { kind: "sold_out" }
  | { kind: "payment_unavailable" };

/**
 * The buyer's Confirm: the order with its reserved stock, then its Stripe Checkout link.
 * Expected refusals come back as results for the dialog to explain; if Stripe fails the order
 * stays reserved and the same Confirm tries again: with the same idempotency key and parameters
 * when Stripe's answer never came, with a new attempt when Stripe will not take the key again.
 */
export async function checkoutOrder(
  db: Database,
  stripe: Stripe,
  input: z.input<typeof placeOrderInput>,
  urls: CheckoutUrls,
): Promise<CheckoutResult> {
  let placed;
  try {
    placed = await placeOrder(db, input);
    if (placed.status !== "pending_payment")
      return { kind: "not_pending", number: placed.shopNumber };
    const { order, url } = await startCheckout(db, stripe, placed.id, urls);
    return {
      kind: "ready",
      orderId: order.id,
      url,
      number: order.shopNumber,
      totalMinor: order.totalAmountMinor,
      currency: order.currency,
    };
  } catch (error) {
    // Replaced by the buyer's newer checkout while this one was on its way to Stripe: that
    // one brings the link.
    if (placed && isAppError(error, "conflict") && error.reason === "transition") {
      return { kind: "not_pending", number: placed.shopNumber };
    }
    if (isAppError(error, "conflict") && error.reason === "out_of_stock") {
      return { kind: "out_of_stock", available: error.details.available ?? 0 };
    }
    // Gone, archived or sold out: for a buyer at Confirm it is all "sold out".
    if (isAppError(error, "unavailable") || isAppError(error, "not_found")) {
      return { kind: "sold_out" };
    }
    if (stripeFailure(error)) {
      logger.error({ err: error, checkoutKey: input.checkoutKey }, "Stripe checkout failed");
      return { kind: "payment_unavailable" };
    }
    throw error;
  }
}
