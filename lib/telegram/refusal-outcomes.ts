import type { Transformer } from "grammy";
import { refusalOutcome, TelegramRecipientGone } from "./telegram-error";

export interface RefusalOutcomeOptions {
  /**
   * Records that a user can no longer be written to (their Telegram id); awaited before the
   * call fails. Left out where the caller records it itself, inside its own transaction.
   */
  recordBlocked?: (telegramId: number) => Promise<void>;
}

/**
 * A grammY API transformer that turns the Bot API's refusals that are outcomes into what they
 * mean, so that retrying the update (which can never help) is not what happens next:
 * - a button press answered too late or twice: `true`, as a successful answer is; the
 *   client's spinner has stopped either way;
 * - an edit that changes nothing (a double tap): `true`, what an edit of an inline message
 *   returns, so callers must not need the edited Message;
 * - 403 (blocked, deactivated, kicked): the user recorded as blocked, and TelegramRecipientGone
 *   thrown, which ends the update as done (bot/middleware/recipient-gone.ts).
 * "Message to edit not found" stays grammY's error for the caller to decide (isMessageGone);
 * everything else is untouched. Install it above auto-retry, so a 429 is still waited out.
 */
export function refusalOutcomes(options: RefusalOutcomeOptions = {}): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (result.ok) return result;
    switch (refusalOutcome({ method, ...result })) {
      case "query_expired":
      case "not_modified":
        return { ok: true, result: true } as Awaited<ReturnType<typeof prev>>;
      case "recipient_gone": {
        const chatId = chatIdOf(payload);
        // Only a private chat's id is a user's; a channel's or a group's is negative.
        if (chatId !== undefined && chatId > 0) await options.recordBlocked?.(chatId);
        throw new TelegramRecipientGone(method, result, chatId);
      }
      default:
        return result;
    }
  };
}

function chatIdOf(payload: unknown): number | undefined {
  const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
  return typeof chatId === "number" ? chatId : undefined;
}
