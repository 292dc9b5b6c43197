import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { receive } from "@/lib/jobs/inbox";
import { describeError } from "@/lib/platform/log-privacy";
import { BodyTooLarge, readTextUpTo } from "@/lib/platform/read-body";
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

// Stripe's events are a few kilobytes; a megabyte is far more than any, and far less than the
// memory a flood of forged large bodies could otherwise take.
const MAX_EVENT_BYTES = 1024 * 1024;
// Stripe's tolerance for a signature's age; the SDK checks only the past, so a timestamp far in
// the future (a signature made to be replayed later) is refused here.
const TOLERANCE_SECONDS = 300;

async function verifyAndStore(request: Request, deps: StripeWebhookDeps) {
  const signature = request.headers.get("stripe-signature");
  if (!signature) {
    // Refused before reading the body: nothing unsigned is worth reading.
    const reason = "no Stripe-Signature header";
    return answer(deps.db, 400, "rejected", { error: "invalid signature" }, reason);
  }
  // The signature covers the exact bytes Stripe sent: verify the raw text, never parsed JSON.
  let payload: string;
  try {
    payload = await readTextUpTo(request, MAX_EVENT_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    return answer(deps.db, 413, "rejected", { error: "payload too large" }, error.message);
  }
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(payload, signature, deps.webhookSecret);
    const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1]);
    if (signedAt - Date.now() / 1000 > TOLERANCE_SECONDS) {
      throw new Error("signature timestamp is in the future");
    }
  } catch (error) {
    return answer(deps.db, 400, "rejected", { error: "invalid signature" }, describeError(error));
  }
  if (!event.data?.object || typeof event.data.object !== "object") {
    const reason = "event without data.object";
    return answer(deps.db, 400, "rejected", { error: reason }, reason);
  }
  // Every Stripe event has an id (evt_…) and a type; signed without them it is no event, and
  // sending it again would not help.
  if (!isStripeId(event.id) || typeof event.type !== "string") {
    const reason = "event without id or type";
    return answer(deps.db, 400, "rejected", { error: reason }, reason);
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
  return isStripeId(key) ? `stripe:${key}` : null;
}

// Stripe's ids are letters, digits and underscores (evt_1N…, cs_test_a1…, pi_3M…).
function isStripeId(value: unknown): value is string {
  return typeof value === "string" && /^\w{1,255}$/.test(value);
}

const answer = (
  db: Database,
  status: number,
  outcome: WebhookOutcome,
  body: Record<string, unknown>,
  reason?: string,
) => webhookAnswer(db, "stripe", status, outcome, body, reason);
