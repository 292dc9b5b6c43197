import type { VatMode } from "@/db/schema/invoices";

export interface InvoiceAmounts {
  net: number;
  vat: number;
  total: number;
}

/**
 * Splits a gross total (what the buyer paid: shop prices include VAT) into net and VAT, in
 * minor units. The VAT is rounded half up and the net is what remains, so the two always add
 * up to exactly what was paid. Small businesses (§ 19 UStG) show no VAT at all.
 */
export function splitGross(total: number, mode: VatMode, rateBasisPoints: number): InvoiceAmounts {
  if (mode === "small_business" || rateBasisPoints === 0) return { net: total, vat: 0, total };
  const vat = Math.round((total * rateBasisPoints) / (10_000 + rateBasisPoints));
  return { net: total - vat, vat, total };
}

/** "19", "7", "5.5": a rate in basis points as people write it. */
export function formatRate(rateBasisPoints: number, locale: string): string {
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", {
    maximumFractionDigits: 2,
  }).format(rateBasisPoints / 100);
}
