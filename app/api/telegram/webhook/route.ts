import { stripeClient } from "@/lib/services";
import { kickInbox } from "@/lib/jobs/start-inbox";
import { telegramConnection } from "@/lib/platform/connections";
import { database } from "@/lib/platform/database";
import { answerTelegramWebhook } from "@/lib/telegram/receive-update";
import { requestIdFrom, withLogFields } from "@/lib/platform/request-context";
import { webhookAnswer } from "@/lib/platform/webhook-results";

export async function POST(request: Request) {
  const telegram = telegramConnection();
  // The buyer journey needs both: without Stripe the bot has nothing to sell.
  if (!telegram || !stripeClient()) return unanswered(request, 404, "Telegram is not configured");
  let db;
  try {
    db = await database();
  } catch {
    // No database, no record of the update: Telegram must deliver it again.
    return unanswered(request, 503, "database unavailable");
  }
  return answerTelegramWebhook(request, {
    secretToken: telegram.webhookSecret,
    db,
    onStored: kickInbox,
  });
}

// Answered before the update could be looked at; logged (there is no database to count in).
function unanswered(request: Request, status: 404 | 503, reason: string) {
  return withLogFields({ requestId: requestIdFrom(request.headers), webhook: "telegram" }, () =>
    webhookAnswer(
      undefined,
      "telegram",
      status,
      status === 404 ? "rejected" : "failed",
      { error: status === 404 ? reason : "temporarily unable to process" },
      reason,
    ),
  );
}
