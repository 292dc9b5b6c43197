import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema/users";
import { telegramLocale } from "./locale";

/**
 * Called on every /start: from now on Telegram lets the bot write to this user, so a seller's
 * earlier failed notifications no longer need fixing. Their Telegram language (when Telegram
 * says it) becomes the one their notices and alerts are written in.
 */
export async function recordBotStarted(db: Database, telegramId: number, languageCode?: string) {
  await db
    .update(users)
    .set({
      botStartedAt: new Date(),
      notificationsBlockedAt: null,
      ...(languageCode ? { language: telegramLocale(languageCode) } : {}),
    })
    .where(eq(users.telegramId, telegramId));
}

/** The user blocked the bot: Telegram will refuse our messages until they unblock it. */
export async function recordBotBlocked(db: Database, telegramId: number) {
  await db
    .update(users)
    .set({ notificationsBlockedAt: new Date() })
    .where(eq(users.telegramId, telegramId));
}
