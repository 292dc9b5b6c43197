import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { logger } from "./logger";
import { handleStripeEvent } from "./payments";

export interface StripeWebhookDeps {
  db: Database;
  stripe: Stripe;
  webhookSecret: string;
  /** Called after an event changed something, so queued notifications go out at once. */
  onProcessed?: () => void;
}

/**
 * Stripe's webhook, from raw request to HTTP answer: a missing or forged signature (or one
 * older than Stripe's 5-minute tolerance) is a 400 and touches nothing; a database failure
 * is a 500, so Stripe delivers the event again later.
 */
export async function answerStripeWebhook(request: Request, deps: StripeWebhookDeps) {
  // The signature covers the exact bytes Stripe sent: verify the raw text, never parsed JSON.
  const payload = await request.text();
  const signature = request.headers.get("stripe-signature");
  let event: Stripe.Event;
  try {
    if (!signature) throw new Error("no Stripe-Signature header");
    event = deps.stripe.webhooks.constructEvent(payload, signature, deps.webhookSecret);
  } catch (error) {
    logger.warn(
      { webhook: "stripe", result: "rejected", reason: (error as Error).message },
      "Stripe webhook signature rejected",
    );
    return Response.json({ error: "invalid signature" }, { status: 400 });
  }
  const log = logger.child({ webhook: "stripe", eventId: event.id, eventType: event.type });
  try {
    const outcome = await handleStripeEvent(deps.db, event);
    log.info({ result: outcome }, "Stripe event handled");
    if (outcome === "processed") deps.onProcessed?.();
    return Response.json({ received: true, outcome });
  } catch (error) {
    log.error({ err: error, result: "failed" }, "Stripe event failed; Stripe will retry");
    return Response.json({ error: "temporarily unable to process" }, { status: 500 });
  }
}
