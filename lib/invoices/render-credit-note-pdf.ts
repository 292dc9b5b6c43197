import PDFDocument from "pdfkit";
import type { Currency } from "@/db/schema/catalog";
import type { VatMode } from "@/db/schema/invoices";
import { formatMoney } from "@/lib/platform/money";
import { translate, type TelegramLocale } from "@/lib/telegram/i18n";
import { formatRate, type InvoiceAmounts } from "./vat";

export interface CreditNoteDocument {
  locale: TelegramLocale;
  /** The credit note's number as printed, e.g. "RK-2026-0001". */
  creditNoteLabel: string;
  issuedAt: Date;
  /** The invoice it corrects: German law wants its number and date on the note. */
  invoice: { label: string; issuedAt: Date };
  orderNumber: number;
  seller: { legalName: string; address: string; vatId?: string | null };
  buyer: { name: string; street: string; postcode: string; city: string; country: string };
  /** The invoice's line; `whole` when this note takes all of it back. */
  item: { title: string; quantity: number; unitMinor: number };
  whole: boolean;
  currency: Currency;
  /** Negative: what the note takes back. */
  amounts: InvoiceAmounts;
  vatMode: VatMode;
  vatRateBasisPoints: number;
}

// As the invoice's: the shop's local day.
const TIME_ZONE = "Europe/Berlin";
const MARGIN = 56;
const WIDTH = 595.28 - 2 * MARGIN; // A4 in points
const columns = { qty: 0, item: 50, unit: 300, amount: 400 };

function formatDate(date: Date, locale: TelegramLocale) {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    dateStyle: "long",
    timeZone: TIME_ZONE,
  }).format(date);
}

/**
 * The credit note (Rechnungskorrektur) as an A4 PDF in the buyer's language, laid out like the
 * invoice it corrects: the refunded amount as a negative line, then net / VAT / total taken
 * back at the invoice's rate (or the § 19 UStG note).
 */
export function renderCreditNotePdf(note: CreditNoteDocument): Promise<Buffer> {
  const { locale } = note;
  const t = (key: string, variables?: Record<string, string | number>) =>
    translate(locale, key, variables);
  const money = (minor: number) => formatMoney(minor, note.currency, locale);
  const pdf = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: {
      Title: `${t("credit-note-title")} ${note.creditNoteLabel}`,
      Author: note.seller.legalName,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  pdf.font("Helvetica").fontSize(9).fillColor("#444");
  const sellerLines = [note.seller.legalName, ...note.seller.address.split("\n")];
  if (note.seller.vatId) sellerLines.push(t("invoice-vat-id", { vatId: note.seller.vatId }));
  pdf.text(sellerLines.filter((line) => line.trim()).join("\n"), MARGIN, MARGIN, {
    width: WIDTH,
    align: "right",
  });
  pdf.moveDown(2).fillColor("#000").fontSize(9).text(t("invoice-bill-to"), MARGIN);
  const { buyer } = note;
  pdf
    .fontSize(11)
    .text([buyer.name, buyer.street, `${buyer.postcode} ${buyer.city}`, buyer.country].join("\n"));

  pdf.moveDown(2).font("Helvetica-Bold").fontSize(18).text(t("credit-note-title"));
  pdf.font("Helvetica").fontSize(10).moveDown(0.5);
  pdf.text(t("credit-note-number", { creditNote: note.creditNoteLabel }));
  pdf.text(t("credit-note-date", { date: formatDate(note.issuedAt, locale) }));
  pdf.text(
    t("credit-note-corrects", {
      invoice: note.invoice.label,
      date: formatDate(note.invoice.issuedAt, locale),
    }),
  );
  pdf.text(t("invoice-order", { number: String(note.orderNumber) }));

  pdf.moveDown(2);
  const row = (cells: [string, string, string, string], bold = false) => {
    const y = pdf.y;
    pdf.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(10);
    pdf.text(cells[0], MARGIN + columns.qty, y, { width: 45 });
    pdf.text(cells[1], MARGIN + columns.item, y, { width: 240 });
    const itemBottom = pdf.y;
    pdf.text(cells[2], MARGIN + columns.unit, y, { width: 95, align: "right" });
    pdf.text(cells[3], MARGIN + columns.amount, y, {
      width: WIDTH - columns.amount,
      align: "right",
    });
    pdf.y = Math.max(itemBottom, pdf.y) + 6;
  };
  const rule = () =>
    pdf
      .moveTo(MARGIN, pdf.y - 3)
      .lineTo(MARGIN + WIDTH, pdf.y - 3)
      .strokeColor("#999")
      .stroke();
  row(
    [t("invoice-col-qty"), t("invoice-col-item"), t("invoice-col-unit"), t("invoice-col-amount")],
    true,
  );
  rule();
  const { item, amounts } = note;
  // All of it back: the invoice's line reversed. Part of it: one line for the amount refunded,
  // as a refund is of money, not of a number of items.
  row(
    note.whole
      ? [`-${item.quantity}`, item.title, money(item.unitMinor), money(amounts.total)]
      : ["", t("credit-note-partial-line", { title: item.title }), "", money(amounts.total)],
  );
  rule();

  const total = (label: string, value: string, bold = false) => {
    const y = pdf.y;
    pdf.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(10);
    pdf.text(label, MARGIN + 200, y, { width: 195, align: "right" });
    pdf.text(value, MARGIN + columns.amount, y, { width: WIDTH - columns.amount, align: "right" });
    pdf.moveDown(0.3);
  };
  pdf.moveDown(0.5);
  if (note.vatMode === "standard" && amounts.vat !== 0) {
    total(t("invoice-net"), money(amounts.net));
    total(
      t("invoice-vat", { rate: formatRate(note.vatRateBasisPoints, locale) }),
      money(amounts.vat),
    );
  }
  total(t("credit-note-total"), money(amounts.total), true);

  pdf.moveDown(2).font("Helvetica").fontSize(10);
  if (note.vatMode === "small_business") {
    pdf.text(t("invoice-small-business"), MARGIN, pdf.y, { width: WIDTH });
    pdf.moveDown(0.5);
  }
  pdf.text(t("credit-note-refunded", { amount: money(-amounts.total) }), MARGIN, pdf.y, {
    width: WIDTH,
  });
  pdf.end();
  return done;
}
