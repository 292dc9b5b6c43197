import { webhookCallback, type Bot } from "grammy";
import type { Database } from "@/db/client";
import { describeError } from "@/lib/platform/log-privacy";
import { logger } from "@/lib/platform/logger";
import { isDuplicateDelivery, requestIdFrom, withLogFields } from "@/lib/platform/request-context";
import { outcomeOfStatus, reportWebhookResult } from "@/lib/platform/webhook-results";
import type { BotContext } from "./context";

export interface TelegramWebhookOptions {
  secretToken: string;
  /** Where failures are counted for the Monitoring page and the alert checks. */
  db: Database;
}

/**
 * The bot behind Telegram's webhook, as a (Request) => Response for a route handler. grammY
 * checks the secret token (401) and runs the update; what it throws becomes a 500, so Telegram
 * delivers the update again, and is logged here with the update id but without the update.
 * Every answer is logged and counted.
 */
export function telegramWebhook(bot: Bot<BotContext>, { secretToken, db }: TelegramWebhookOptions) {
  const handle = webhookCallback(bot, "std/http", { secretToken });
  return (request: Request) =>
    withLogFields({ requestId: requestIdFrom(request.headers), webhook: "telegram" }, async () => {
      let response: Response;
      let reason: string | undefined;
      try {
        response = await handle(request);
        if (response.status === 401) reason = "wrong secret token";
      } catch (error) {
        if (error instanceof SyntaxError) {
          // The body was not JSON: not Telegram, and sending it again will not help.
          reason = "body is not an update";
          response = Response.json({ error: reason }, { status: 400 });
        } else {
          reason = describeError(error);
          logger.error({ err: error }, "Telegram update failed; Telegram will retry");
          response = Response.json({ error: "temporarily unable to process" }, { status: 500 });
        }
      }
      const outcome = outcomeOfStatus(response.status, isDuplicateDelivery());
      await reportWebhookResult(db, {
        source: "telegram",
        outcome,
        status: response.status,
        reason,
      });
      return response;
    });
}
