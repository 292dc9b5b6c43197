/** The languages the bot speaks: one locales/telegram/<locale>.ftl each. */
export const telegramLocales = ["en", "de"] as const;
export type TelegramLocale = (typeof telegramLocales)[number];

/** German for any German variant (de, de-AT, de-CH), English for everyone else. */
export function telegramLocale(languageCode: string | undefined | null): TelegramLocale {
  return languageCode?.toLowerCase().startsWith("de") ? "de" : "en";
}
