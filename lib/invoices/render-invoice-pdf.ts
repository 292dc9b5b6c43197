import type { Currency } from "@/db/schema/catalog";
import type { VatMode } from "@/db/schema/invoices";
import { translate, type TelegramLocale } from "@/lib/telegram/i18n";
import { billingPdf, type Buyer, type Seller } from "./pdf-layout";
import type { InvoiceAmounts } from "./vat";

export interface InvoiceDocument {
  locale: TelegramLocale;
  /** The invoice number as printed, e.g. "2026-0042". */
  invoiceLabel: string;
  issuedAt: Date;
  paidAt: Date;
  orderNumber: number;
  seller: Seller;
  buyer: Buyer;
  item: { title: string; quantity: number; unitMinor: number };
  currency: Currency;
  amounts: InvoiceAmounts;
  vatMode: VatMode;
  vatRateBasisPoints: number;
}

/**
 * The invoice as an A4 PDF in the buyer's language: seller, buyer, the item, net / VAT / total
 * (or the § 19 UStG note), and when and how it was paid.
 */
export function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  const { t, money, date, ...document } = billingPdf({
    locale: invoice.locale,
    title: `${translate(invoice.locale, "invoice-title")} ${invoice.invoiceLabel}`,
    seller: invoice.seller,
    currency: invoice.currency,
  });
  document.head(invoice.buyer, t("invoice-title"), [
    t("invoice-number", { invoice: invoice.invoiceLabel }),
    t("invoice-date", { date: date(invoice.issuedAt) }),
    t("invoice-service-date", { date: date(invoice.paidAt) }),
    t("invoice-order", { number: String(invoice.orderNumber) }),
  ]);
  const { item, amounts } = invoice;
  document.items([
    [String(item.quantity), item.title, money(item.unitMinor), money(amounts.total)],
  ]);
  document.totals(
    amounts,
    { mode: invoice.vatMode, rateBasisPoints: invoice.vatRateBasisPoints },
    t("invoice-total"),
    t("invoice-paid", { date: date(invoice.paidAt) }),
  );
  return document.end();
}
