import { telegramWebhookHandler } from "@/bot/runtime";
import { describeError } from "@/lib/platform/log-privacy";
import { logger } from "@/lib/platform/logger";
import { requestIdFrom, withLogFields } from "@/lib/platform/request-context";
import { reportWebhookResult } from "@/lib/platform/webhook-results";

export async function POST(request: Request) {
  const handler = telegramWebhookHandler();
  if (!handler) return unanswered(request, 404, "Telegram is not configured");
  let handle;
  try {
    handle = await handler;
  } catch (error) {
    // The bot could not be set up (no database, getMe failed): Telegram retries the update.
    logger.error({ err: error }, "Telegram webhook unavailable");
    return unanswered(request, 503, describeError(error));
  }
  return handle(request);
}

// Answered before the bot saw the update; logged (there may be no database to count in).
function unanswered(request: Request, status: 404 | 503, reason: string) {
  return withLogFields(
    { requestId: requestIdFrom(request.headers), webhook: "telegram" },
    async () => {
      const outcome = status === 404 ? "rejected" : "failed";
      await reportWebhookResult(undefined, { source: "telegram", outcome, status, reason });
      return Response.json(
        { error: status === 404 ? reason : "temporarily unable to process" },
        { status },
      );
    },
  );
}
