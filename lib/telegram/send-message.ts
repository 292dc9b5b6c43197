import { eq } from "drizzle-orm";
import { type Api, type InlineKeyboard } from "grammy";
import type { Database } from "@/db/client";
import { users } from "@/db/schema/users";
import { recordBotBlocked } from "./bot-users";
import { PermanentDeliveryError, RetryLaterError } from "@/lib/jobs/outbox";
import { telegramRefusal } from "./telegram-error";

/** A message composed by a job (an order notice, an alert), ready to send. */
export interface TelegramMessage {
  chatId: number;
  /** HTML: everything the recipient typed goes through escapeHtml (./html.ts). */
  text: string;
  keyboard?: InlineKeyboard;
  /** The recipient's user id, when they are a seller or admin (for 403 bookkeeping). */
  userId?: string;
}

/**
 * Sends a composed message from a job through the Bot API. A 429 reschedules the job. A
 * 403 (the user never started the bot or blocked it) cannot be fixed by retrying: it is
 * recorded on the seller (or admin), for the dashboard to show, and the job is given up, as
 * it is on a 400. Anything else is thrown for the outbox to retry.
 */
export async function sendTelegramMessage(api: Api, tx: Database, message: TelegramMessage) {
  try {
    await api.sendMessage(message.chatId, message.text, {
      parse_mode: "HTML",
      reply_markup: message.keyboard,
    });
  } catch (error) {
    const refusal = telegramRefusal(error);
    if (refusal?.error_code === 403) {
      // The chat of a seller or admin is their user's Telegram id.
      if (message.userId) await recordBotBlocked(tx, message.chatId);
      throw new PermanentDeliveryError(`403: ${refusal.description}`);
    }
    if (refusal?.error_code === 429) {
      // Every copy pauses its sends meanwhile (pace-sends.ts); this row waits its turn.
      throw new RetryLaterError(
        refusal.parameters?.retry_after ?? 1,
        `429: ${refusal.description}`,
      );
    }
    if (refusal?.error_code === 400) {
      throw new PermanentDeliveryError(`400: ${refusal.description}`);
    }
    throw error;
  }
  if (message.userId) {
    // Delivered: whatever blocked the user's notifications before is fixed.
    await tx
      .update(users)
      .set({ notificationsBlockedAt: null })
      .where(eq(users.id, message.userId));
  }
}
