import type { Currency } from "@/db/schema/catalog";

// All our currencies have two decimals; Intl picks symbol, separators and order per language.
export function formatMoney(minor: number, currency: Currency, locale: string): string {
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", {
    style: "currency",
    currency,
  }).format(minor / 100);
}
