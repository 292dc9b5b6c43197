import type { Currency } from "@/db/schema/catalog";
import type { VatMode } from "@/db/schema/invoices";
import { translate, type TelegramLocale } from "@/lib/telegram/i18n";
import { billingPdf, type Buyer, type Seller } from "./pdf-layout";
import type { InvoiceAmounts } from "./vat";

export interface CreditNoteDocument {
  locale: TelegramLocale;
  /** The credit note's number as printed, e.g. "RK-2026-0001". */
  creditNoteLabel: string;
  issuedAt: Date;
  /** The invoice it corrects: German law wants its number and date on the note. */
  invoice: { label: string; issuedAt: Date };
  orderNumber: number;
  seller: Seller;
  buyer: Buyer;
  /** The invoice's line; `whole` when this note takes all of it back. */
  item: { title: string; quantity: number; unitMinor: number };
  whole: boolean;
  currency: Currency;
  /** Negative: what the note takes back. */
  amounts: InvoiceAmounts;
  vatMode: VatMode;
  vatRateBasisPoints: number;
}

/**
 * The credit note (Rechnungskorrektur) as an A4 PDF in the buyer's language, laid out like the
 * invoice it corrects: the refunded amount as a negative line, then net / VAT / total taken
 * back at the invoice's rate (or the § 19 UStG note).
 */
export function renderCreditNotePdf(note: CreditNoteDocument): Promise<Buffer> {
  const { t, money, date, ...document } = billingPdf({
    locale: note.locale,
    title: `${translate(note.locale, "credit-note-title")} ${note.creditNoteLabel}`,
    seller: note.seller,
    currency: note.currency,
  });
  document.head(note.buyer, t("credit-note-title"), [
    t("credit-note-number", { creditNote: note.creditNoteLabel }),
    t("credit-note-date", { date: date(note.issuedAt) }),
    t("credit-note-corrects", { invoice: note.invoice.label, date: date(note.invoice.issuedAt) }),
    t("invoice-order", { number: String(note.orderNumber) }),
  ]);
  const { item, amounts } = note;
  // All of it back: the invoice's line reversed. Part of it: one line for the amount refunded,
  // as a refund is of money, not of a number of items.
  document.items([
    note.whole
      ? [`-${item.quantity}`, item.title, money(item.unitMinor), money(amounts.total)]
      : ["", t("credit-note-partial-line", { title: item.title }), "", money(amounts.total)],
  ]);
  document.totals(
    amounts,
    { mode: note.vatMode, rateBasisPoints: note.vatRateBasisPoints },
    t("credit-note-total"),
    t("credit-note-refunded", { amount: money(-amounts.total) }),
  );
  return document.end();
}
