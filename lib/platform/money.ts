import type { Currency } from "@/db/schema/catalog";

// All our currencies have two decimals; Intl picks symbol, separators and order per language.
export function formatMoney(minor: number, currency: Currency, locale: string): string {
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", {
    style: "currency",
    currency,
  }).format(minor / 100);
}

/**
 * An amount in any currency Stripe may report (another integration on the account charges in
 * its own), from minor units: Intl knows each currency's decimals (none for JPY). A code Intl
 * does not know is shown as it came.
 */
export function formatAnyMoney(minor: number, currency: string, locale: string): string {
  try {
    const format = new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", {
      style: "currency",
      currency,
    });
    return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  } catch {
    return `${minor} ${currency}`;
  }
}
