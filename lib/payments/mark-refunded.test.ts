import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { orderEvents } from "@/db/schema/orders";
import { createSellerWithProduct } from "@/test/fixtures";
import { orderThroughBot, startJourney, type Journey } from "@/test/journey-harness";
import { createAdmin, moneyReads } from "@/test/money-fixtures";

let journey: Journey;
let read: ReturnType<typeof moneyReads>;
beforeAll(async () => {
  journey = await startJourney("mark_refunded");
  read = moneyReads(journey);
});
afterAll(() => journey.stop());

it("gives the stock back when a refund comes before its payment, and the late payment does not take it again", async () => {
  const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 2 });
  journey.telegram.markStarted(seller.telegramId);
  const admin = await createAdmin(journey);
  const buyer = { id: 992_001, first_name: "Rosa", language_code: "en" };
  const session = await orderThroughBot(journey, buyer, product);
  expect(await read.stockOf(product.id)).toBe(1);

  // The buyer pays while Stripe cannot reach the app; the payment is refunded at Stripe (its
  // dashboard) and that event gets through first.
  journey.setStripeWebhookDown(true);
  const payment = await journey.stripeSim.pay(session.id);
  if (payment.outcome !== "paid") throw new Error(payment.outcome);
  journey.setStripeWebhookDown(false);
  await journey.stripe.refunds.create({ payment_intent: String(payment.session.payment_intent) });
  await journey.stripeSim.settled();

  const refunded = await read.orderOf(buyer.id);
  expect(refunded.status).toBe("refunded");
  expect(await read.stockOf(product.id)).toBe(2);

  // Stripe's retry of the payment arrives at last.
  await journey.stripeSim.redeliver(payment.event.id);
  expect(read.answerTo(payment.event.id)).toBe(200);
  expect((await read.orderOf(buyer.id)).status).toBe("refunded");
  expect(await read.stockOf(product.id)).toBe(2);
  const timeline = await journey.db.db
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.orderId, refunded.id));
  expect(timeline.map((event) => event.toStatus)).toEqual(["pending_payment", "refunded"]);
  expect(timeline.at(-1)?.note).toContain("its reserved stock is released");

  await journey.drainOutbox();
  const buyerTexts = journey.botTexts(buyer.id).join("\n");
  expect(buyerTexts).toContain(`Order #${refunded.shopNumber} was refunded`);
  expect(buyerTexts).not.toContain("Payment received");
  expect(journey.botTexts(seller.telegramId)).toEqual([]);
  expect(journey.botTexts(admin.telegramId)).toEqual([
    expect.stringContaining(`Payment after its refund for order #${refunded.shopNumber}`),
  ]);
});
