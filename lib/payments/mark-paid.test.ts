import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monitorEvents } from "@/db/schema/monitoring";
import { orders } from "@/db/schema/orders";
import { expireStaleCheckouts } from "@/lib/checkout/expire-stale-checkouts";
import { createSellerWithProduct } from "@/test/fixtures";
import { orderThroughBot, startJourney, type Journey } from "@/test/journey-harness";
import { createAdmin, moneyReads } from "@/test/money-fixtures";

let journey: Journey;
let read: ReturnType<typeof moneyReads>;
beforeAll(async () => {
  journey = await startJourney("mark_paid");
  read = moneyReads(journey);
});
afterAll(() => journey.stop());

describe("a payment counts only for its own order's session, amount and currency", () => {
  it("leaves the order unpaid for a session it never opened, alerts an admin and answers 200", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, {
      stock: 3,
      priceMinor: 129_900,
    });
    const admin = await createAdmin(journey);
    const buyer = { id: 991_001, first_name: "Nina", language_code: "en" };
    const own = await orderThroughBot(journey, buyer, product);
    const order = await read.orderOf(buyer.id);

    // Something else on the same Stripe account names our order and takes 0.50 USD.
    const foreign = await journey.stripe.checkout.sessions.create({
      mode: "payment",
      client_reference_id: order.id,
      metadata: { order_id: order.id },
      line_items: [
        {
          quantity: 1,
          price_data: { currency: "usd", unit_amount: 50, product_data: { name: "Sticker" } },
        },
      ],
      success_url: "https://elsewhere.example/thanks",
    });
    const paid = await journey.stripeSim.pay(foreign.id);
    if (paid.outcome !== "paid") throw new Error(paid.outcome);

    expect(read.answerTo(paid.event.id)).toBe(200);
    expect((await read.orderOf(buyer.id)).status).toBe("pending_payment");
    expect(await read.stockOf(product.id)).toBe(2);
    await journey.drainOutbox();
    expect(journey.botTexts(buyer.id).join("\n")).not.toContain("Payment received");
    expect(journey.botTexts(admin.telegramId)).toEqual([
      expect.stringContaining(`Payment not accepted for order #${order.shopNumber}`),
    ]);
    expect(journey.botTexts(admin.telegramId)[0]).toContain("US$0.50");
    expect(journey.botTexts(admin.telegramId)[0]).toContain("€1,299.00");
    const flags = await journey.db.db
      .select()
      .from(monitorEvents)
      .where(eq(monitorEvents.kind, "payment_flag"));
    expect(flags.map((flag) => flag.detail)).toContainEqual(
      expect.objectContaining({ reason: "foreign_session", sessionId: foreign.id }),
    );

    // The order's own session still pays it.
    await journey.stripeSim.pay(own.id);
    expect((await read.orderOf(buyer.id)).status).toBe("paid");
  });

  it("leaves the order unpaid when its own session reports another amount", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 3 });
    const admin = await createAdmin(journey);
    const buyer = { id: 991_002, first_name: "Olga", language_code: "en" };
    const own = await orderThroughBot(journey, buyer, product);
    const order = await read.orderOf(buyer.id);
    const event = {
      id: "evt_amount_mismatch",
      object: "event",
      type: "checkout.session.completed",
      api_version: "2025-01-01",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: {
        object: { ...own, status: "complete", payment_status: "paid", amount_total: 50 },
      },
    };
    expect(await journey.stripeSim.deliver(event as never)).toBe(200);
    expect((await read.orderOf(buyer.id)).status).toBe("pending_payment");
    await journey.drainOutbox();
    expect(journey.botTexts(admin.telegramId)).toEqual([
      expect.stringContaining(`Wrong amount paid for order #${order.shopNumber}`),
    ]);
  });
});

describe("a payment that comes after its checkout was given up", () => {
  it("tells the seller when it took the last item a second time, and what to do", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    journey.telegram.markStarted(seller.telegramId);
    const late = { id: 991_011, first_name: "Lars", language_code: "en" };
    const quick = { id: 991_012, first_name: "Kai", language_code: "en" };
    const lateSession = await orderThroughBot(journey, late, product);

    // Lars pays, but Stripe cannot reach the app, and the sweep gives his checkout up.
    journey.setStripeWebhookDown(true);
    const latePayment = await journey.stripeSim.pay(lateSession.id);
    if (latePayment.outcome !== "paid") throw new Error(latePayment.outcome);
    journey.setStripeWebhookDown(false);
    await journey.db.db
      .update(orders)
      .set({ checkoutExpiresAt: new Date(Date.now() - 20 * 60_000) })
      .where(eq(orders.buyerTelegramId, late.id));
    expect(await expireStaleCheckouts(journey.db.db)).toBe(1);
    expect(await read.stockOf(product.id)).toBe(1);

    // Kai buys the item that came back, then Stripe's retry of Lars's payment arrives.
    await journey.stripeSim.pay((await orderThroughBot(journey, quick, product)).id);
    await journey.stripeSim.redeliver(latePayment.event.id);

    const [lateOrder, quickOrder] = [await read.orderOf(late.id), await read.orderOf(quick.id)];
    expect([lateOrder.status, quickOrder.status]).toEqual(["paid", "paid"]);
    expect(await read.stockOf(product.id)).toBe(0);
    await journey.drainOutbox();
    const sellerTexts = journey.botTexts(seller.telegramId);
    expect(sellerTexts.filter((text) => text.includes("is oversold"))).toEqual([
      expect.stringContaining(`Order #${lateOrder.shopNumber} is oversold`),
    ]);
    expect(sellerTexts.find((text) => text.includes("is oversold"))).toContain(
      "Restock the product and ship it as usual, or refund the order",
    );
  });
});
