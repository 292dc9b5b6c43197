export type TelegramLocale = "en" | "de";

/** German for any German variant (de, de-AT, de-CH), English for everyone else. */
export function telegramLocale(languageCode: string | undefined | null): TelegramLocale {
  return languageCode?.toLowerCase().startsWith("de") ? "de" : "en";
}
