import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditNotes, invoices } from "@/db/schema/invoices";
import { orders, type Order } from "@/db/schema/orders";
import type { User } from "@/db/schema/users";
import { createSellerWithProduct } from "@/test/fixtures";
import { orderThroughBot, startJourney, type Journey } from "@/test/journey-harness";
import { pdfTextOf } from "@/test/pdf-text";
import { cancelOrder } from "@/lib/orders/cancel-order";
import { refundOrder } from "@/lib/orders/refund-order";
import { creditNoteLabel } from "./credit-note-label";
import { invoiceLabel } from "./find-invoice";
import { issueCreditNote } from "./issue-credit-note";

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney("credit_notes");
});
afterAll(() => journey.stop());

let nextBuyer = 993_000;

/**
 * A buyer (German unless told) orders one of the seller's products through the bot and pays;
 * the outbox issues the invoice.
 */
async function paidOrder(
  shop: { seller: User; product: { id: string; deepLinkPayload: string } },
  language = "de",
) {
  const buyer = { id: ++nextBuyer, first_name: "Erika", language_code: language };
  const session = await orderThroughBot(journey, buyer, shop.product);
  const payment = await journey.stripeSim.pay(session.id);
  if (payment.outcome !== "paid") throw new Error(payment.outcome);
  await journey.drainOutbox();
  const order = await journey.db.db.query.orders.findFirst({
    where: eq(orders.buyerTelegramId, buyer.id),
  });
  const invoice = await journey.db.db.query.invoices.findFirst({
    where: eq(invoices.orderId, order!.id),
  });
  if (!invoice) throw new Error("no invoice was issued");
  return { buyer, order: order!, invoice, intent: String(payment.session.payment_intent) };
}

const notesOf = (order: Order) =>
  journey.db.db
    .select()
    .from(creditNotes)
    .where(eq(creditNotes.orderId, order.id))
    .orderBy(asc(creditNotes.number));

const pdfOf = async (storageKey: string) => pdfTextOf((await journey.storage.get(storageKey))!);

describe("credit notes", () => {
  it("issue one per refund, numbered 1, 2, with the refunded amount and its VAT, referencing the invoice", async () => {
    // One left in stock: the German dialog does not ask how many.
    const shop = await createSellerWithProduct(journey.db.db, { stock: 1, priceMinor: 1290 });
    const { buyer, order, invoice } = await paidOrder(shop);
    expect(invoice).toMatchObject({ totalAmountMinor: 1290, vatAmountMinor: 206 });

    await refundOrder(journey.db.db, journey.stripe, shop.seller, order.id, {
      amountMinor: 500,
      requestKey: "first",
    });
    await journey.stripeSim.settled();
    await journey.drainOutbox();
    await refundOrder(journey.db.db, journey.stripe, shop.seller, order.id, {
      amountMinor: 790,
      notifyBuyer: false,
      requestKey: "second",
    });
    await journey.stripeSim.settled();
    await journey.drainOutbox();

    const [first, second, ...more] = await notesOf(order);
    expect(more).toEqual([]);
    // 500 of 1290 at 19 %: VAT rounds to 80; of the whole 1290, 206, so the rest carries 126.
    expect(first).toMatchObject({
      number: 1,
      invoiceId: invoice.id,
      refundedBeforeMinor: 0,
      refundedAfterMinor: 500,
      netAmountMinor: -420,
      vatAmountMinor: -80,
      totalAmountMinor: -500,
      language: "de",
    });
    expect(second).toMatchObject({
      number: 2,
      invoiceId: invoice.id,
      refundedBeforeMinor: 500,
      refundedAfterMinor: 1290,
      netAmountMinor: -664,
      vatAmountMinor: -126,
      totalAmountMinor: -790,
    });
    expect(first!.vatAmountMinor + second!.vatAmountMinor).toBe(-invoice.vatAmountMinor);
    expect(first!.netAmountMinor + second!.netAmountMinor).toBe(-invoice.netAmountMinor);

    // The PDF, in the buyer's German: the correct term, the note's own number, the invoice's.
    const text = await pdfOf(first!.storageKey);
    expect(text).toContain("Rechnungskorrektur");
    expect(text).not.toContain("Gutschrift");
    expect(text).toContain(`Korrektur-Nr. ${creditNoteLabel(first!)}`);
    expect(creditNoteLabel(first!)).toMatch(/^RK-\d{4}-0001$/);
    expect(text).toContain(`Korrigiert die Rechnung ${invoiceLabel(invoice)} vom`);
    expect(text).toContain("Teilerstattung: Espresso Blend 250 g");
    expect(text).toContain("Nettobetrag -4,20 €");
    expect(text).toContain("USt. 19 % -0,80 €");
    expect(text).toContain("Erstattung gesamt -5,00 €");
    expect(await pdfOf(second!.storageKey)).toContain("Erstattung gesamt -7,90 €");

    // The buyer got a link to each, in German, even the one the seller kept quiet about.
    // Intl puts a no-break space before the euro sign.
    const texts = journey.botTexts(buyer.id).join("\n").replaceAll("\u00a0", " ");
    expect(texts).toContain(
      `Deine Rechnungskorrektur ${creditNoteLabel(first!)} zu Bestellung #${order.shopNumber} (5,00 € erstattet, korrigiert die Rechnung ${invoiceLabel(invoice)})`,
    );
    expect(texts).toContain(`Deine Rechnungskorrektur ${creditNoteLabel(second!)}`);
    const links = journey.telegram
      .messages(buyer.id)
      .flatMap((message) => message.entities ?? [])
      .flatMap((entity) => (entity.type === "text_link" ? [entity.url] : []))
      .filter((url) => url.includes("/api/credit-notes/"));
    expect(links).toHaveLength(2);
    expect(links[0]).toContain(`/api/credit-notes/${first!.id}?expires=`);
  });

  it("are not issued twice when Stripe redelivers charge.refunded or an older event comes late", async () => {
    const shop = await createSellerWithProduct(journey.db.db, { stock: 1, priceMinor: 2000 });
    const { order, intent } = await paidOrder(shop, "en");
    await journey.stripe.refunds.create({ payment_intent: intent, amount: 300 });
    await journey.stripe.refunds.create({ payment_intent: intent, amount: 200 });
    await journey.stripeSim.settled();
    await journey.drainOutbox();
    expect((await notesOf(order)).map((note) => note.totalAmountMinor)).toEqual([-300, -200]);

    const refundEvents = journey.stripeSim
      .events()
      .filter(
        (event) =>
          event.type === "charge.refunded" &&
          (event.data.object as { payment_intent?: string }).payment_intent === intent,
      );
    expect(refundEvents).toHaveLength(2);
    for (const event of [...refundEvents].reverse()) {
      const attempt = await journey.stripeSim.redeliver(event.id);
      expect(attempt.status).toBe(200);
    }
    await journey.drainOutbox();
    const notes = await notesOf(order);
    expect(notes.map((note) => note.totalAmountMinor)).toEqual([-300, -200]);

    // The job itself, run again for a step that has its note, returns that note.
    const again = await journey.db.db.transaction((tx) =>
      issueCreditNote(tx, journey.storage, {
        orderId: order.id,
        refundedBefore: 300,
        refundedAfter: 500,
      }),
    );
    expect(again?.id).toBe(notes[1]!.id);
    expect(await notesOf(order)).toHaveLength(2);
  });

  it("cover both refunds in one note when Stripe's first event arrives after the second", async () => {
    const shop = await createSellerWithProduct(journey.db.db, { stock: 1, priceMinor: 2000 });
    const { order, intent } = await paidOrder(shop, "en");
    journey.setStripeWebhookDown(true);
    await journey.stripe.refunds.create({ payment_intent: intent, amount: 300 });
    await journey.stripe.refunds.create({ payment_intent: intent, amount: 200 });
    await journey.stripeSim.settled();
    journey.setStripeWebhookDown(false);
    const [older, newer] = journey.stripeSim
      .events()
      .filter(
        (event) =>
          event.type === "charge.refunded" &&
          (event.data.object as { payment_intent?: string }).payment_intent === intent,
      );
    await journey.stripeSim.redeliver(newer!.id);
    await journey.stripeSim.redeliver(older!.id);
    await journey.drainOutbox();
    // What we learnt went back: 500 in one step; the late 300 says nothing new.
    expect(await notesOf(order)).toEqual([
      expect.objectContaining({ refundedBeforeMinor: 0, refundedAfterMinor: 500 }),
    ]);
  });

  it("take distinct consecutive numbers when orders of one seller are refunded at once", async () => {
    const shop = await createSellerWithProduct(journey.db.db, { stock: 4, priceMinor: 1500 });
    const paid = [];
    for (let i = 0; i < 4; i++) paid.push(await paidOrder(shop, "en"));
    // Refunded at Stripe, then their notes issued in parallel transactions, as several workers
    // would.
    journey.setStripeWebhookDown(true);
    await Promise.all(
      paid.map(({ intent }) => journey.stripe.refunds.create({ payment_intent: intent })),
    );
    // Their events' deliveries must have failed before the webhook is back: one still on its
    // way would be answered later, in the middle of the next test's bot dialog.
    await journey.stripeSim.settled();
    journey.setStripeWebhookDown(false);
    await Promise.all(
      paid.map(({ order }) =>
        journey.db.db.transaction((tx) =>
          issueCreditNote(tx, journey.storage, {
            orderId: order.id,
            refundedBefore: 0,
            refundedAfter: 1500,
          }),
        ),
      ),
    );
    const notes = await journey.db.db
      .select()
      .from(creditNotes)
      .where(eq(creditNotes.sellerId, shop.seller.id))
      .orderBy(asc(creditNotes.number));
    expect(notes.map((note) => note.number)).toEqual([1, 2, 3, 4]);
    expect(new Set(notes.map((note) => note.orderId)).size).toBe(4);
    // A full refund reverses the invoice's line.
    const text = await pdfOf(notes[0]!.storageKey);
    expect(text).toContain("Credit note");
    expect(text).toContain("-1 Espresso Blend 250 g €15.00 -€15.00");
  });

  it("follow a cancellation of a paid order, and none is issued for an order never paid", async () => {
    const shop = await createSellerWithProduct(journey.db.db, { stock: 2, priceMinor: 1290 });
    const { order, invoice } = await paidOrder(shop, "en");
    await cancelOrder(journey.db.db, journey.stripe, shop.seller, order.id);
    await journey.stripeSim.settled();
    await journey.drainOutbox();
    const [note] = await notesOf(order);
    expect(note).toMatchObject({ number: 1, totalAmountMinor: -1290, vatAmountMinor: -206 });
    expect(await pdfOf(note!.storageKey)).toContain(`Corrects invoice ${invoiceLabel(invoice)} of`);

    // Paid at Stripe but refunded before the payment reached us: no invoice, no credit note.
    const unpaidBuyer = { id: ++nextBuyer, first_name: "Rosa", language_code: "en" };
    const session = await orderThroughBot(journey, unpaidBuyer, shop.product);
    journey.setStripeWebhookDown(true);
    const payment = await journey.stripeSim.pay(session.id);
    if (payment.outcome !== "paid") throw new Error(payment.outcome);
    journey.setStripeWebhookDown(false);
    await journey.stripe.refunds.create({ payment_intent: String(payment.session.payment_intent) });
    await journey.stripeSim.settled();
    await journey.drainOutbox();
    const unpaid = await journey.db.db.query.orders.findFirst({
      where: eq(orders.buyerTelegramId, unpaidBuyer.id),
    });
    expect(unpaid?.status).toBe("refunded");
    expect(await notesOf(unpaid!)).toEqual([]);
    expect(journey.botTexts(unpaidBuyer.id).join("\n")).not.toContain("credit note");
  });
});
