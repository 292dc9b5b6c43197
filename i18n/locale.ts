import Negotiator from "negotiator";

export const locales = ["en", "de"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
export const localeCookie = "locale";

export function isLocale(value: unknown): value is Locale {
  return locales.includes(value as Locale);
}

/**
 * The seller's explicit choice (cookie) wins; otherwise the browser's preference by weight,
 * where "de-AT" or "de-CH" count as German.
 */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  const negotiator = new Negotiator({ headers: { "accept-language": acceptLanguage ?? "" } });
  const [best] = negotiator.languages([...locales]);
  return isLocale(best) ? best : defaultLocale;
}
