import { readFileSync } from "node:fs";
import path from "node:path";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { telegramLocale, telegramLocales, type TelegramLocale } from "./locale";

export { telegramLocale, telegramLocales, type TelegramLocale } from "./locale";

// Every text a buyer or seller reads in Telegram lives in locales/telegram/*.ftl (Fluent).
// The files are read from disk (and traced into the standalone bundle by next.config.ts).
const localesDir = path.resolve(process.cwd(), "locales/telegram");

export function createTelegramI18n<C extends Context = Context>() {
  const i18n = new I18n<C>({
    defaultLocale: "en",
    useSession: false,
    localeNegotiator: (ctx) => telegramLocale(ctx.from?.language_code),
    // Unicode isolation marks around variables show up as stray characters in some clients.
    fluentBundleOptions: { useIsolating: false },
  });
  for (const locale of telegramLocales) {
    i18n.loadLocaleSync(locale, {
      source: readFileSync(path.join(localesDir, `${locale}.ftl`), "utf8"),
      isDefault: locale === "en",
    });
  }
  return i18n;
}

let shared: I18n | undefined;

/** Translations for messages sent outside an update (the outbox), in the recipient's locale. */
export function translate(
  locale: TelegramLocale,
  key: string,
  variables?: Record<string, string | number>,
) {
  shared ??= createTelegramI18n();
  return shared.t(locale, key, variables);
}
