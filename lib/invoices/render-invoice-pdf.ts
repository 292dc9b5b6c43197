import PDFDocument from "pdfkit";
import type { Currency } from "@/db/schema/catalog";
import type { VatMode } from "@/db/schema/invoices";
import { formatMoney } from "@/lib/platform/money";
import { translate, type TelegramLocale } from "@/lib/telegram/i18n";
import { formatRate, type InvoiceAmounts } from "./vat";

export interface InvoiceDocument {
  locale: TelegramLocale;
  /** The invoice number as printed, e.g. "2026-0042". */
  invoiceLabel: string;
  issuedAt: Date;
  paidAt: Date;
  orderNumber: number;
  seller: { legalName: string; address: string; vatId?: string | null };
  buyer: { name: string; street: string; postcode: string; city: string; country: string };
  item: { title: string; quantity: number; unitMinor: number };
  currency: Currency;
  amounts: InvoiceAmounts;
  vatMode: VatMode;
  vatRateBasisPoints: number;
}

// Dates as a German seller's books have them: the shop's local day, not UTC's.
const TIME_ZONE = "Europe/Berlin";

function formatDate(date: Date, locale: TelegramLocale) {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    dateStyle: "long",
    timeZone: TIME_ZONE,
  }).format(date);
}

const MARGIN = 56;
const WIDTH = 595.28 - 2 * MARGIN; // A4 in points
const columns = { qty: 0, item: 50, unit: 300, amount: 400 };

/**
 * The invoice as an A4 PDF in the buyer's language: seller, buyer, the item, net / VAT / total
 * (or the § 19 UStG note), and when and how it was paid. Built-in PDF fonts cover German and
 * Western European text; other scripts in product titles would need an embedded font.
 */
export function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  const { locale } = invoice;
  const t = (key: string, variables?: Record<string, string | number>) =>
    translate(locale, key, variables);
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  const pdf = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: {
      Title: `${t("invoice-title")} ${invoice.invoiceLabel}`,
      Author: invoice.seller.legalName,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  // Seller, top right; buyer, left.
  pdf.font("Helvetica").fontSize(9).fillColor("#444");
  const sellerLines = [invoice.seller.legalName, ...invoice.seller.address.split("\n")];
  if (invoice.seller.vatId) sellerLines.push(t("invoice-vat-id", { vatId: invoice.seller.vatId }));
  pdf.text(sellerLines.filter((line) => line.trim()).join("\n"), MARGIN, MARGIN, {
    width: WIDTH,
    align: "right",
  });

  pdf.moveDown(2).fillColor("#000").fontSize(9).text(t("invoice-bill-to"), MARGIN);
  const { buyer } = invoice;
  pdf
    .fontSize(11)
    .text([buyer.name, buyer.street, `${buyer.postcode} ${buyer.city}`, buyer.country].join("\n"));

  pdf.moveDown(2).font("Helvetica-Bold").fontSize(18).text(t("invoice-title"));
  pdf.font("Helvetica").fontSize(10).moveDown(0.5);
  pdf.text(t("invoice-number", { invoice: invoice.invoiceLabel }));
  pdf.text(t("invoice-date", { date: formatDate(invoice.issuedAt, locale) }));
  pdf.text(t("invoice-service-date", { date: formatDate(invoice.paidAt, locale) }));
  pdf.text(t("invoice-order", { number: String(invoice.orderNumber) }));

  // The item table.
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
  row(
    [t("invoice-col-qty"), t("invoice-col-item"), t("invoice-col-unit"), t("invoice-col-amount")],
    true,
  );
  pdf
    .moveTo(MARGIN, pdf.y - 3)
    .lineTo(MARGIN + WIDTH, pdf.y - 3)
    .strokeColor("#999")
    .stroke();
  const { item, amounts } = invoice;
  row([String(item.quantity), item.title, money(item.unitMinor), money(amounts.total)]);
  pdf
    .moveTo(MARGIN, pdf.y - 3)
    .lineTo(MARGIN + WIDTH, pdf.y - 3)
    .stroke();

  // Totals, right-aligned under the amount column.
  const total = (label: string, value: string, bold = false) => {
    const y = pdf.y;
    pdf.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(10);
    pdf.text(label, MARGIN + 200, y, { width: 195, align: "right" });
    pdf.text(value, MARGIN + columns.amount, y, { width: WIDTH - columns.amount, align: "right" });
    pdf.moveDown(0.3);
  };
  pdf.moveDown(0.5);
  if (invoice.vatMode === "standard" && amounts.vat > 0) {
    total(t("invoice-net"), money(amounts.net));
    total(
      t("invoice-vat", { rate: formatRate(invoice.vatRateBasisPoints, locale) }),
      money(amounts.vat),
    );
  }
  total(t("invoice-total"), money(amounts.total), true);

  pdf.moveDown(2).font("Helvetica").fontSize(10);
  if (invoice.vatMode === "small_business") {
    pdf.text(t("invoice-small-business"), MARGIN, pdf.y, { width: WIDTH });
    pdf.moveDown(0.5);
  }
  pdf.text(t("invoice-paid", { date: formatDate(invoice.paidAt, locale) }), MARGIN, pdf.y, {
    width: WIDTH,
  });
  pdf.end();
  return done;
}
