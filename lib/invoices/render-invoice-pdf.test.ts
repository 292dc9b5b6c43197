import { describe, expect, it } from "vitest";
import { pdfTextOf } from "@/test/pdf-text";
import { renderInvoicePdf, type InvoiceDocument } from "./render-invoice-pdf";
import { splitGross } from "./vat";

const base: InvoiceDocument = {
  locale: "de",
  invoiceLabel: "2026-0007",
  issuedAt: new Date("2026-11-27T10:00:00Z"),
  paidAt: new Date("2026-11-26T23:30:00Z"),
  orderNumber: 1042,
  seller: {
    legalName: "Rösterei Müller",
    address: "Kaffeeweg 3\n10115 Berlin\nDeutschland",
    vatId: "DE123456789",
  },
  buyer: {
    name: "Erika Mustermann",
    street: "Hauptstraße 1",
    postcode: "80331",
    city: "München",
    country: "DE",
  },
  item: { title: "Espresso 250 g", quantity: 2, unitMinor: 1290 },
  currency: "EUR",
  amounts: splitGross(2580, "standard", 1900),
  vatMode: "standard",
  vatRateBasisPoints: 1900,
};

const textOf = pdfTextOf;

describe("the invoice PDF", () => {
  it("has everything a German invoice needs, in German", async () => {
    const text = await textOf(await renderInvoicePdf(base));
    for (const expected of [
      "Rösterei Müller",
      "Kaffeeweg 3",
      "USt-IdNr.: DE123456789",
      "Rechnungsempfänger",
      "Erika Mustermann",
      "Hauptstraße 1",
      "80331 München",
      "Rechnung",
      "Rechnungsnr. 2026-0007",
      "Rechnungsdatum: 27. November 2026",
      // Paid just before midnight in Berlin: the 27th there, not UTC's 26th.
      "Leistungsdatum: 27. November 2026",
      "Bestellung #1042",
      "Espresso 250 g",
      "12,90 €",
      "Nettobetrag 21,68 €",
      "USt. 19 % 4,12 €",
      "Gesamtbetrag 25,80 €",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("§ 19");
  });

  it("says why a small business shows no VAT, and leaves net and VAT out", async () => {
    const text = await textOf(
      await renderInvoicePdf({
        ...base,
        vatMode: "small_business",
        amounts: splitGross(2580, "small_business", 0),
      }),
    );
    expect(text).toContain("Kleinunternehmer gem. § 19 UStG");
    expect(text).toContain("Gesamtbetrag 25,80 €");
    expect(text).not.toContain("Nettobetrag");
    expect(text).not.toContain("USt. 19");
  });

  it("speaks English to an English buyer", async () => {
    const text = await textOf(await renderInvoicePdf({ ...base, locale: "en", currency: "GBP" }));
    expect(text).toContain("Invoice no. 2026-0007");
    expect(text).toContain("Date of supply: 27 November 2026");
    expect(text).toContain("VAT 19 %");
    expect(text).toContain("Total £25.80");
  });
});
