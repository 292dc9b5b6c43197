import { stripeClient } from "@/lib/services";
import { database } from "@/lib/platform/database";
import { stripeConnection } from "@/lib/platform/connections";
import { kickNotificationWorker } from "@/lib/jobs/start-worker";
import { requestIdFrom, withLogFields } from "@/lib/platform/request-context";
import { answerStripeWebhook } from "@/lib/payments/stripe-webhook";
import { reportWebhookResult } from "@/lib/platform/webhook-results";

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
  return answerStripeWebhook(request, {
    db,
    stripe,
    webhookSecret,
    onProcessed: kickNotificationWorker,
  });
}

// Answered before the event could be looked at; logged (there is no database to count in).
function unanswered(request: Request, status: 404 | 503, reason: string) {
  return withLogFields(
    { requestId: requestIdFrom(request.headers), webhook: "stripe" },
    async () => {
      const outcome = status === 404 ? "rejected" : "failed";
      await reportWebhookResult(undefined, { source: "stripe", outcome, status, reason });
      return Response.json(
        { error: status === 404 ? reason : "temporarily unable to process" },
        { status },
      );
    },
  );
}
