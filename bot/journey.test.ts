import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products } from "@/db/schema/catalog";
import { invoices } from "@/db/schema/invoices";
import { orders } from "@/db/schema/orders";
import { createSellerWithProduct } from "@/test/fixtures";
import { payUrl, startJourney, type Journey } from "@/test/journey-harness";
import { pdfTextOf } from "@/test/pdf-text";

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney("journey");
});
afterAll(() => journey.stop());

const languages = [
  {
    language: "en",
    buyer: { id: 910_001, first_name: "Erika", language_code: "en" },
    texts: {
      price: "Price: €12.90",
      quantity: "How many would you like? (1–3)",
      invalidEmail: "That e-mail address does not look right.",
      summary: "Please check your order",
      ready: "is reserved for you",
      paid: "Payment received",
      seller: "New order",
      status: "Your orders",
      paidStatus: "Paid – the seller is packing it",
      shipped: "has shipped",
      invoice: "Your invoice 2026-0001",
      invoiceTitle: "Invoice no. 2026-0001",
      invoiceTotal: "Total €25.80",
      statusInvoice: "Invoice 2026-0001 (PDF)",
    },
  },
  {
    language: "de",
    buyer: { id: 910_002, first_name: "Jonas", language_code: "de-AT" },
    texts: {
      price: "Preis: 12,90\u00a0€",
      quantity: "Wie viele möchtest du? (1–3)",
      invalidEmail: "Diese E-Mail-Adresse sieht nicht richtig aus.",
      summary: "Bitte prüfe deine Bestellung",
      ready: "ist für dich reserviert",
      paid: "Zahlung erhalten",
      seller: "Neue Bestellung",
      status: "Deine Bestellungen",
      paidStatus: "Bezahlt – der Verkäufer packt sie",
      shipped: "ist unterwegs",
      invoice: "Deine Rechnung 2026-0001",
      invoiceTitle: "Rechnungsnr. 2026-0001",
      invoiceTotal: "Gesamtbetrag 25,80 €",
      statusInvoice: "Rechnung 2026-0001 (PDF)",
    },
  },
] as const;

describe.each(languages)("the buyer journey in $language", ({ buyer, texts }) => {
  it("goes from the Buy button to one paid order, both notices and /status", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 3 });
    journey.telegram.markStarted(seller.telegramId);

    await journey.telegram.start(buyer, product.deepLinkPayload);
    const card = journey.lastBotMessage(buyer.id);
    expect(card.text).toContain("Espresso Blend 250 g");
    expect(card.text).toContain(texts.price);

    await journey.press(buyer, `buy:${product.id}`);
    expect(journey.lastBotMessage(buyer.id).text).toBe(texts.quantity);
    await journey.say(buyer, "2");
    await journey.say(buyer, `${buyer.first_name} Beispiel`);
    await journey.say(buyer, "Hauptstraße 5");
    await journey.say(buyer, "10115");
    await journey.say(buyer, "Berlin");
    await journey.press(buyer, "dlg:country:DE");
    await journey.say(buyer, "erika@");
    expect(journey.lastBotMessage(buyer.id).text).toContain(texts.invalidEmail);
    await journey.say(buyer, `${buyer.first_name.toLowerCase()}@example.com`);
    expect(journey.lastBotMessage(buyer.id).text).toContain(texts.summary);

    await journey.press(buyer, "dlg:confirm");
    const checkout = journey.lastBotMessage(buyer.id);
    expect(checkout.text).toContain(texts.ready);
    const session = journey.stripeSim.sessions().find((s) => s.url === payUrl(checkout));
    expect(session).toMatchObject({ amount_total: 2580, currency: "eur", mode: "payment" });
    expect(session?.customer_email).toBe(`${buyer.first_name.toLowerCase()}@example.com`);

    const payment = await journey.stripeSim.pay(session!.id);
    expect(payment.outcome).toBe("paid");
    const order = await journey.db.db.query.orders.findFirst({
      where: eq(orders.buyerTelegramId, buyer.id),
    });
    expect(order).toMatchObject({ status: "paid", quantity: 2, totalAmountMinor: 2580 });
    const left = await journey.db.db.query.products.findFirst({
      where: eq(products.id, product.id),
    });
    expect(left?.stock).toBe(1);

    await journey.drainOutbox();
    // Paid: the Pay button is taken off the message that offered it.
    const payMessage = journey.telegram
      .messages(buyer.id)
      .find((message) => message.message_id === checkout.message_id);
    expect(payMessage?.text).toContain(texts.ready);
    expect(payMessage?.reply_markup).toBeUndefined();
    const paidNotice = journey.botTexts(buyer.id).find((text) => text.includes(texts.paid));
    expect(paidNotice).toContain(`#${order?.shopNumber}`);
    // Then the invoice: numbered per seller, in the buyer's language, with a signed link.
    const invoiceNotice = journey.lastBotMessage(buyer.id);
    expect(invoiceNotice.text).toContain(texts.invoice);
    const link = invoiceNotice.entities?.find((entity) => entity.type === "text_link");
    expect(link && "url" in link ? link.url : "").toMatch(
      /^https:\/\/shop\.example\.com\/api\/invoices\/[0-9a-f-]{36}\?expires=\d+&signature=/,
    );
    const invoice = await journey.db.db.query.invoices.findFirst({
      where: eq(invoices.orderId, order!.id),
    });
    expect(invoice).toMatchObject({ number: 1, totalAmountMinor: 2580 });
    const pdfText = await pdfTextOf((await journey.storage.get(invoice!.storageKey))!);
    expect(pdfText).toContain(texts.invoiceTitle);
    expect(pdfText).toContain("Hauptstraße 5");
    expect(pdfText).toContain("Espresso Blend 250 g");
    expect(pdfText).toContain(texts.invoiceTotal);
    const sellerNotice = journey.lastBotMessage(seller.telegramId);
    expect(sellerNotice.text).toContain(`#${order?.shopNumber}`);
    expect(sellerNotice.text).toContain("Hauptstraße 5");
    expect(sellerNotice.text).toContain("2 × Espresso Blend 250 g");

    await journey.say(buyer, "/status");
    const status = journey.lastBotMessage(buyer.id).text ?? "";
    expect(status).toContain(texts.status);
    expect(status).toContain(`#${order?.shopNumber}`);
    expect(status).toContain(texts.paidStatus);
    expect(status).toContain(texts.statusInvoice);

    // The seller marks it shipped from the notice; the buyer hears of it.
    await journey.press({ id: seller.telegramId, first_name: "Seller" }, `ship:${order?.id}`);
    await journey.drainOutbox();
    expect(journey.lastBotMessage(buyer.id).text).toContain(texts.shipped);
  });
});
