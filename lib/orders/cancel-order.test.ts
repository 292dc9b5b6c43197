import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSellerWithProduct } from "@/test/fixtures";
import { orderThroughBot, startJourney, type Journey } from "@/test/journey-harness";
import { moneyReads } from "@/test/money-fixtures";
import { cancelOrder } from "./cancel-order";

let journey: Journey;
let read: ReturnType<typeof moneyReads>;
beforeAll(async () => {
  journey = await startJourney("cancel_order");
  read = moneyReads(journey);
});
afterAll(() => journey.stop());

const refundsAtStripe = () =>
  journey.stripeSim.events().filter((event) => event.type === "charge.refunded");

describe("a seller cancels an unpaid order", () => {
  it("closes the buyer's payment link, gives the stock back and says nothing was charged", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 2 });
    const buyer = { id: 993_001, first_name: "Uwe", language_code: "en" };
    const session = await orderThroughBot(journey, buyer, product);
    const order = await read.orderOf(buyer.id);

    await cancelOrder(journey.db.db, journey.stripe, seller, order.id);

    expect((await read.orderOf(buyer.id)).status).toBe("cancelled");
    expect(await read.stockOf(product.id)).toBe(2);
    const attempt = await journey.stripeSim.pay(session.id);
    expect(attempt).toMatchObject({ outcome: "not_open" });
    await journey.stripeSim.settled();
    await journey.drainOutbox();
    expect(journey.botTexts(buyer.id).at(-1)).toBe(
      `Order #${order.shopNumber} was cancelled by the seller. Its payment link no longer works, and nothing was charged.`,
    );
  });

  it("refunds a payment that arrives anyway, and tells the buyer why", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 2 });
    const buyer = { id: 993_002, first_name: "Vera", language_code: "en" };
    const session = await orderThroughBot(journey, buyer, product);
    const order = await read.orderOf(buyer.id);

    // The buyer pays while Stripe's webhook cannot get through; the seller cancels meanwhile.
    journey.setStripeWebhookDown(true);
    const payment = await journey.stripeSim.pay(session.id);
    if (payment.outcome !== "paid") throw new Error(payment.outcome);
    await cancelOrder(journey.db.db, journey.stripe, seller, order.id);
    journey.setStripeWebhookDown(false);
    expect(await read.stockOf(product.id)).toBe(2);

    await journey.stripeSim.redeliver(payment.event.id);
    expect(read.answerTo(payment.event.id)).toBe(200);
    expect((await read.orderOf(buyer.id)).status).toBe("cancelled");
    expect(await read.stockOf(product.id)).toBe(2);
    // The refund goes out from the outbox; Stripe's charge.refunded closes the order.
    await journey.drainOutbox();
    await journey.stripeSim.settled();
    await journey.drainOutbox();

    expect(refundsAtStripe().map((event) => event.data.object)).toContainEqual(
      expect.objectContaining({ payment_intent: payment.session.payment_intent, refunded: true }),
    );
    expect((await read.orderOf(buyer.id)).status).toBe("refunded");
    expect(await read.stockOf(product.id)).toBe(2);
    const texts = journey.botTexts(buyer.id);
    expect(texts.slice(-3)).toEqual([
      `Order #${order.shopNumber} was cancelled by the seller.`,
      `Your payment of €12.90 for order #${order.shopNumber} arrived after the order had been closed, so it is being refunded in full. You get a message here when Stripe has sent it back.`,
      `Order #${order.shopNumber} was refunded: €12.90 go back to your payment method.`,
    ]);
    expect(texts.join("\n")).not.toContain("Payment received");
  });
});

describe("a seller cancels a paid order", () => {
  it("refunds it through Stripe and tells the buyer the refund is on its way", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 2 });
    const buyer = { id: 993_011, first_name: "Willi", language_code: "en" };
    const session = await orderThroughBot(journey, buyer, product);
    const payment = await journey.stripeSim.pay(session.id);
    const order = await read.orderOf(buyer.id);
    expect(order.status).toBe("paid");
    await journey.drainOutbox();

    const { refund } = await cancelOrder(journey.db.db, journey.stripe, seller, order.id);
    await journey.stripeSim.settled();
    await journey.drainOutbox();

    expect(refund).toMatchObject({ amount: 1290, status: "succeeded" });
    expect(refundsAtStripe().map((event) => event.data.object)).toContainEqual(
      expect.objectContaining({ payment_intent: payment.session.payment_intent, refunded: true }),
    );
    expect((await read.orderOf(buyer.id)).status).toBe("refunded");
    // The invoice issued with the payment is corrected by a credit note for all of it.
    expect(journey.botTexts(buyer.id).slice(-3)).toEqual([
      `Order #${order.shopNumber} was cancelled by the seller. Your payment of €12.90 is being refunded; you get a message here when Stripe has sent it back.`,
      `Order #${order.shopNumber} was refunded: €12.90 go back to your payment method.`,
      expect.stringMatching(
        new RegExp(
          `^🧾 Your credit note RK-\\d{4}-0001 for order #${order.shopNumber} \\(€12\\.90 refunded, corrects invoice \\d{4}-0001\\)`,
        ),
      ),
    ]);
  });
});
