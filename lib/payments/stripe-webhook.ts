import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { describeError } from "@/lib/platform/log-privacy";
import { logger } from "@/lib/platform/logger";
import { handleStripeEvent } from "./stripe-events";
import { addLogFields, requestIdFrom, withLogFields } from "@/lib/platform/request-context";
import { reportWebhookResult, type WebhookOutcome } from "@/lib/platform/webhook-results";

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
 * is a 500, so Stripe delivers the event again later. Every answer is logged and counted.
 */
export function answerStripeWebhook(request: Request, deps: StripeWebhookDeps) {
  return withLogFields({ requestId: requestIdFrom(request.headers), webhook: "stripe" }, () =>
    verifyAndHandle(request, deps),
  );
}

async function verifyAndHandle(request: Request, deps: StripeWebhookDeps) {
  // The signature covers the exact bytes Stripe sent: verify the raw text, never parsed JSON.
  const payload = await request.text();
  const signature = request.headers.get("stripe-signature");
  let event: Stripe.Event;
  try {
    if (!signature) throw new Error("no Stripe-Signature header");
    event = deps.stripe.webhooks.constructEvent(payload, signature, deps.webhookSecret);
  } catch (error) {
    return answer(deps.db, 400, "rejected", { error: "invalid signature" }, describeError(error));
  }
  addLogFields({ eventId: event.id, eventType: event.type });
  try {
    const outcome = await handleStripeEvent(deps.db, event);
    if (outcome === "processed") deps.onProcessed?.();
    return answer(deps.db, 200, outcome === "duplicate" ? "duplicate" : "ok", {
      received: true,
      outcome,
    });
  } catch (error) {
    logger.error({ err: error }, "Stripe event failed; Stripe will retry");
    return answer(
      deps.db,
      500,
      "failed",
      { error: "temporarily unable to process" },
      describeError(error),
    );
  }
}

async function answer(
  db: Database,
  status: number,
  outcome: WebhookOutcome,
  body: Record<string, unknown>,
  reason?: string,
) {
  await reportWebhookResult(db, { source: "stripe", outcome, status, reason });
  return Response.json(body, { status });
}
