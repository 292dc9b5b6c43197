import PDFDocument from "pdfkit";
import type { Currency } from "@/db/schema/catalog";
import type { VatMode } from "@/db/schema/invoices";
import { formatMoney } from "@/lib/platform/money";
import { translate, type TelegramLocale } from "@/lib/telegram/i18n";
import { formatRate, type InvoiceAmounts } from "./vat";

export interface Seller {
  legalName: string;
  address: string;
  vatId?: string | null;
}

export interface Buyer {
  name: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
}

// Dates as a German seller's books have them: the shop's local day, not UTC's.
const TIME_ZONE = "Europe/Berlin";
const MARGIN = 56;
const WIDTH = 595.28 - 2 * MARGIN; // A4 in points
const columns = { qty: 0, item: 50, unit: 300, amount: 400 };

/**
 * One A4 billing document (an invoice, or the credit note that corrects one) in the buyer's
 * language, drawn top to bottom by the calls below in the order they are made. Both documents
 * share this layout so that a correction looks like what it corrects. Built-in PDF fonts cover
 * German and Western European text; other scripts in product titles would need an embedded font.
 */
export function billingPdf({
  locale,
  title,
  seller,
  currency,
}: {
  locale: TelegramLocale;
  /** The document's title with its number, for the PDF's metadata. */
  title: string;
  seller: Seller;
  currency: Currency;
}) {
  const t = (key: string, variables?: Record<string, string | number>) =>
    translate(locale, key, variables);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const date = (at: Date) =>
    new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
      dateStyle: "long",
      timeZone: TIME_ZONE,
    }).format(at);
  const pdf = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: { Title: title, Author: seller.legalName },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  const rule = () =>
    pdf
      .moveTo(MARGIN, pdf.y - 3)
      .lineTo(MARGIN + WIDTH, pdf.y - 3)
      .strokeColor("#999")
      .stroke();
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
  const total = (label: string, value: string, bold = false) => {
    const y = pdf.y;
    pdf.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(10);
    pdf.text(label, MARGIN + 200, y, { width: 195, align: "right" });
    pdf.text(value, MARGIN + columns.amount, y, { width: WIDTH - columns.amount, align: "right" });
    pdf.moveDown(0.3);
  };

  return {
    t,
    money,
    date,
    /** Seller top right, buyer left, then the heading and its lines (number, dates, order). */
    head(buyer: Buyer, heading: string, lines: string[]) {
      pdf.font("Helvetica").fontSize(9).fillColor("#444");
      const sellerLines = [seller.legalName, ...seller.address.split("\n")];
      if (seller.vatId) sellerLines.push(t("invoice-vat-id", { vatId: seller.vatId }));
      pdf.text(sellerLines.filter((line) => line.trim()).join("\n"), MARGIN, MARGIN, {
        width: WIDTH,
        align: "right",
      });
      pdf.moveDown(2).fillColor("#000").fontSize(9).text(t("invoice-bill-to"), MARGIN);
      pdf
        .fontSize(11)
        .text(
          [buyer.name, buyer.street, `${buyer.postcode} ${buyer.city}`, buyer.country].join("\n"),
        );
      pdf.moveDown(2).font("Helvetica-Bold").fontSize(18).text(heading);
      pdf.font("Helvetica").fontSize(10).moveDown(0.5);
      for (const line of lines) pdf.text(line);
    },
    /** The item table: quantity, item, unit price, amount. */
    items(lines: Array<[string, string, string, string]>) {
      pdf.moveDown(2);
      row(
        [
          t("invoice-col-qty"),
          t("invoice-col-item"),
          t("invoice-col-unit"),
          t("invoice-col-amount"),
        ],
        true,
      );
      rule();
      for (const line of lines) row(line);
      rule();
    },
    /**
     * Net / VAT / total right-aligned under the amount column (net and VAT only when VAT is
     * charged), then the § 19 UStG note for a small business and the document's closing line.
     */
    totals(
      amounts: InvoiceAmounts,
      vat: { mode: VatMode; rateBasisPoints: number },
      totalLabel: string,
      closing: string,
    ) {
      pdf.moveDown(0.5);
      if (vat.mode === "standard" && amounts.vat !== 0) {
        total(t("invoice-net"), money(amounts.net));
        total(
          t("invoice-vat", { rate: formatRate(vat.rateBasisPoints, locale) }),
          money(amounts.vat),
        );
      }
      total(totalLabel, money(amounts.total), true);
      pdf.moveDown(2).font("Helvetica").fontSize(10);
      if (vat.mode === "small_business") {
        pdf.text(t("invoice-small-business"), MARGIN, pdf.y, { width: WIDTH });
        pdf.moveDown(0.5);
      }
      pdf.text(closing, MARGIN, pdf.y, { width: WIDTH });
    },
    end() {
      pdf.end();
      return done;
    },
  };
}
