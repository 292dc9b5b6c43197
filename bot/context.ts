import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { translate, telegramLocale, type TelegramLocale } from "@/lib/telegram/i18n";

/** What the bot needs from outside; tests pass their own database, simulators and URLs. */
export interface BotDeps {
  db: Database;
  stripe: Stripe;
  publicUrl: string;
  /** Where product photos are read from (the object storage's local directory). */
  readPhoto?: (key: string) => Promise<Uint8Array | undefined>;
}

export type BotContext = ConversationFlavor<Context>;

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The user's language and a translator for it: German for de*, English otherwise. */
export function localeOf(ctx: Context): { locale: TelegramLocale; t: Translate } {
  const locale = telegramLocale(ctx.from?.language_code);
  return { locale, t: (key, vars) => translate(locale, key, vars) };
}
