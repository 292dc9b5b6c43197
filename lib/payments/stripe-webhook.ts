import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { receive } from "@/lib/jobs/inbox";
import { describeError } from "@/lib/platform/log-privacy";
import { logger } from "@/lib/platform/logger";
import { addLogFields, requestIdFrom, withLogFields } from "@/lib/platform/request-context";
import { webhookAnswer, type WebhookOutcome } from "@/lib/platform/webhook-results";

export interface StripeWebhookDeps {
  db: Database;
  stripe: Stripe;
  webhookSecret: string;
  /** Called after an event was stored, so the inbox worker takes it at once. */
  onStored?: () => void;
}

/**
 * Stripe's webhook, from raw request to HTTP answer: a missing or forged signature (or one
 * older than Stripe's 5-minute tolerance) is a 400 and touches nothing; a verified event is
 * stored in the inbox in one INSERT and answered 200 at once, as Stripe asks, and the inbox
 * worker applies it (lib/payments/stripe-inbox.ts). A failed INSERT is a 500, so Stripe
 * delivers the event again later. Every answer is logged and counted.
 */
export function answerStripeWebhook(request: Request, deps: StripeWebhookDeps) {
  return withLogFields({ requestId: requestIdFrom(request.headers), webhook: "stripe" }, () =>
    verifyAndStore(request, deps),
  );
}

async function verifyAndStore(request: Request, deps: StripeWebhookDeps) {
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
    const stored = await receive(deps.db, {
      source: "stripe",
      externalId: event.id,
      orderingKey: paymentOf(event),
      payload: event,
      // What constructEvent parsed, as Stripe sent it.
      payloadJson: payload,
    });
    if (stored === "stored") deps.onStored?.();
    return answer(deps.db, 200, stored === "stored" ? "ok" : "duplicate", { received: true });
  } catch (error) {
    logger.error({ err: error }, "Stripe event not stored; Stripe will retry");
    const body = { error: "temporarily unable to process" };
    return answer(deps.db, 500, "failed", body, describeError(error));
  }
}

// One payment's events (completed, refunded, …) are applied one at a time, in arrival order.
function paymentOf(event: Stripe.Event): string | null {
  const object = (event.data?.object ?? {}) as { id?: unknown; payment_intent?: unknown };
  const intent = object.payment_intent;
  const key =
    typeof intent === "string"
      ? intent
      : intent && typeof intent === "object" && "id" in intent
        ? (intent as { id: unknown }).id
        : object.id;
  return typeof key === "string" ? `stripe:${key}` : null;
}

const answer = (
  db: Database,
  status: number,
  outcome: WebhookOutcome,
  body: Record<string, unknown>,
  reason?: string,
) => webhookAnswer(db, "stripe", status, outcome, body, reason);
