import { stripeClient } from "@/lib/app-services";
import { database } from "@/lib/database";
import { stripeConnection } from "@/lib/connections";
import { kickNotificationWorker } from "@/lib/notification-worker";
import { answerStripeWebhook } from "@/lib/stripe-webhook";

export async function POST(request: Request) {
  const stripe = stripeClient();
  const webhookSecret = stripeConnection()?.webhookSecret;
  if (!stripe || !webhookSecret) {
    return Response.json({ error: "Stripe is not configured" }, { status: 404 });
  }
  let db;
  try {
    db = await database();
  } catch {
    // No database, no record of the event: Stripe must deliver it again.
    return Response.json({ error: "temporarily unable to process" }, { status: 503 });
  }
  return answerStripeWebhook(request, {
    db,
    stripe,
    webhookSecret,
    onProcessed: kickNotificationWorker,
  });
}
