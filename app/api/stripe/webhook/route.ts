import { stripeClient } from "@/lib/services";
import { database } from "@/lib/platform/database";
import { stripeConnection } from "@/lib/platform/connections";
import { kickInbox } from "@/lib/jobs/start-inbox";
import { requestIdFrom, withLogFields } from "@/lib/platform/request-context";
import { answerStripeWebhook } from "@/lib/payments/stripe-webhook";
import { webhookAnswer } from "@/lib/platform/webhook-results";

export async function POST(request: Request) {
  const stripe = stripeClient();
  const webhookSecret = stripeConnection()?.webhookSecret;
  if (!stripe || !webhookSecret) {
    return unanswered(request, 404, "Stripe is not configured");
  }
  let db;
  try {
    db = await database();
  } catch {
    // No database, no record of the event: Stripe must deliver it again.
    return unanswered(request, 503, "database unavailable");
  }
  return answerStripeWebhook(request, { db, stripe, webhookSecret, onStored: kickInbox });
}

// Answered before the event could be looked at; logged (there is no database to count in).
function unanswered(request: Request, status: 404 | 503, reason: string) {
  return withLogFields({ requestId: requestIdFrom(request.headers), webhook: "stripe" }, () =>
    webhookAnswer(
      undefined,
      "stripe",
      status,
      status === 404 ? "rejected" : "failed",
      { error: status === 404 ? reason : "temporarily unable to process" },
      reason,
    ),
  );
}
