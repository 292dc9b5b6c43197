import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { InboxHandler } from "@/lib/jobs/inbox-worker";
import { addLogFields } from "@/lib/platform/request-context";
import { telegramRefusal } from "@/lib/telegram/telegram-error";
import type { BotContext } from "./context";

/**
 * Hands the updates the webhook stored to the bot, one chat at a time (the inbox's ordering).
 * `bot` is built on first use, so a copy that cannot reach Telegram at start still starts.
 */
export function telegramInboxHandler(bot: () => Promise<Bot<BotContext>>): InboxHandler {
  return {
    async process(row) {
      const update = row.payload as Update;
      addLogFields({ updateId: update.update_id });
      await (await bot()).handleUpdate(update);
    },
    judge(error) {
      // grammY wraps what a handler threw in a BotError; the Bot API's refusal is inside.
      const cause =
        error instanceof Error && error.name === "BotError"
          ? (error as Error & { error: unknown }).error
          : error;
      const refusal = telegramRefusal(cause);
      if (!refusal) return undefined;
      // Blocked, kicked or deactivated: there is nobody to answer, and never will be.
      if (refusal.error_code === 403) return { outcome: "done" };
      if (refusal.error_code === 429) {
        return { outcome: "retry", afterSeconds: refusal.parameters?.retry_after };
      }
      // Any other 400 is this update's content or state: sending it again gets the same no.
      if (refusal.error_code === 400) return { outcome: "park" };
      return undefined;
    },
  };
}
