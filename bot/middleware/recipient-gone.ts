import type { Context, MiddlewareFn } from "grammy";
import { logger } from "@/lib/platform/logger";
import { recipientGone } from "@/lib/telegram/telegram-error";

/**
 * An update whose answer Telegram refused with 403 (the user blocked the bot, or was
 * deactivated, while it was being handled) is done: there is nobody to answer, and handling
 * it again would be refused the same way, for as long as Telegram redelivers it. The user was
 * recorded as blocked where the call failed (lib/telegram/refusal-outcomes.ts); a dialog that
 * was open has been left. Anything else is thrown on.
 */
export function endUpdatesWithoutRecipient(): MiddlewareFn<Context> {
  return async (_ctx, next) => {
    try {
      await next();
    } catch (error) {
      const gone = recipientGone(error);
      if (!gone) throw error;
      logger.info(
        {
          event: "telegram.recipient_gone",
          method: gone.method,
          code: gone.error_code,
          description: gone.description,
        },
        "Telegram refused the answer (403); the update is done",
      );
    }
  };
}
