import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { orders } from "@/db/schema/orders";
import { createSellerWithProduct } from "@/test/fixtures";
import { orderThroughBot, startJourney, type Journey } from "@/test/journey-harness";
import { refundOrder } from "./refund-order";
import { refundedAmount } from "./refunded-amount";

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney("refunds");
});
afterAll(() => journey.stop());

it("refunds a paid order through Stripe; Stripe's event marks it refunded and tells the buyer", async () => {
  const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 2 });
  const other = await createSellerWithProduct(journey.db.db);
  const buyer = { id: 990_101, first_name: "Rita", language_code: "en" };
  const session = await orderThroughBot(journey, buyer, product);
  await journey.stripeSim.pay(session.id);
  const order = await journey.db.db.query.orders.findFirst({
    where: eq(orders.buyerTelegramId, buyer.id),
  });

  await expect(
    refundOrder(journey.db.db, journey.stripe, other.seller, order!.id),
  ).rejects.toMatchObject({ code: "not_found", reason: "order" });
  // A double click is one refund: the second click reuses the idempotency key, or finds the
  // order already refunded, depending on how fast Stripe's event came back.
  const clicks = await Promise.allSettled([
    refundOrder(journey.db.db, journey.stripe, seller, order!.id),
    refundOrder(journey.db.db, journey.stripe, seller, order!.id),
  ]);
  const refunds = clicks.flatMap((click) => (click.status === "fulfilled" ? [click.value.id] : []));
  expect(new Set(refunds).size).toBe(1);
  await journey.stripeSim.settled();

  const refunded = await journey.db.db.query.orders.findFirst({ where: eq(orders.id, order!.id) });
  expect(refunded?.status).toBe("refunded");
  expect(journey.stripeSim.events().filter((e) => e.type === "charge.refunded")).toHaveLength(1);
  await journey.drainOutbox();
  expect(journey.botTexts(buyer.id)).toContainEqual(
    expect.stringContaining(`Order #${order!.shopNumber} was refunded`),
  );

  await expect(refundOrder(journey.db.db, journey.stripe, seller, order!.id)).rejects.toMatchObject(
    { code: "conflict", reason: "transition" },
  );
});

it("refunds part of an order, then the rest; the order keeps its status until everything went back", async () => {
  const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 2 });
  const buyer = { id: 990_102, first_name: "Pia", language_code: "en" };
  const session = await orderThroughBot(journey, buyer, product);
  await journey.stripeSim.pay(session.id);
  const order = await journey.db.db.query.orders.findFirst({
    where: eq(orders.buyerTelegramId, buyer.id),
  });
  const total = order!.totalAmountMinor;
  const part = 500;

  const first = await refundOrder(journey.db.db, journey.stripe, seller, order!.id, {
    amountMinor: part,
    reason: "requested_by_customer",
    notifyBuyer: true,
    requestKey: "first",
  });
  expect(first).toMatchObject({ amount: part, reason: "requested_by_customer" });
  // The same form sent twice is the same refund.
  const again = await refundOrder(journey.db.db, journey.stripe, seller, order!.id, {
    amountMinor: part,
    reason: "requested_by_customer",
    notifyBuyer: true,
    requestKey: "first",
  });
  expect(again.id).toBe(first.id);
  await journey.stripeSim.settled();
  expect(await refundedAmount(journey.db.db, order!.id)).toBe(part);
  const partly = await journey.db.db.query.orders.findFirst({ where: eq(orders.id, order!.id) });
  expect(partly?.status).toBe("paid");

  // More than remains is refused at the amount field, before Stripe is asked.
  await expect(
    refundOrder(journey.db.db, journey.stripe, seller, order!.id, {
      amountMinor: total - part + 1,
      requestKey: "too-much",
    }),
  ).rejects.toMatchObject({
    code: "invalid",
    details: { fields: { amount: { key: "overRemaining", over: total - part } } },
  });
  await expect(
    refundOrder(journey.db.db, journey.stripe, seller, order!.id, { amountMinor: 0 }),
  ).rejects.toMatchObject({
    code: "invalid",
    details: { fields: { amount: { key: "positive" } } },
  });

  const rest = await refundOrder(journey.db.db, journey.stripe, seller, order!.id, {
    amountMinor: total - part,
    reason: "duplicate",
    notifyBuyer: false,
    requestKey: "second",
  });
  expect(rest.amount).toBe(total - part);
  await journey.stripeSim.settled();
  expect(await refundedAmount(journey.db.db, order!.id)).toBe(total);
  const refunded = await journey.db.db.query.orders.findFirst({ where: eq(orders.id, order!.id) });
  expect(refunded?.status).toBe("refunded");

  await journey.drainOutbox();
  const texts = journey.botTexts(buyer.id).join("\n");
  expect(texts).toContain(`Part of order #${order!.shopNumber} was refunded: €5.00 of`);
  // The seller chose not to tell the buyer about the second one.
  expect(texts).not.toContain(`Order #${order!.shopNumber} was refunded`);
});

it("takes the refunded amount from Stripe's cumulative figure, whatever order its events arrive in", async () => {
  const { product } = await createSellerWithProduct(journey.db.db, { stock: 2 });
  const buyer = { id: 990_103, first_name: "Ida", language_code: "en" };
  const session = await orderThroughBot(journey, buyer, product);
  const payment = await journey.stripeSim.pay(session.id);
  if (payment.outcome !== "paid") throw new Error(payment.outcome);
  const intent = String(payment.session.payment_intent);
  await journey.stripe.refunds.create({ payment_intent: intent, amount: 300 });
  await journey.stripe.refunds.create({ payment_intent: intent, amount: 200 });
  await journey.stripeSim.settled();
  const order = await journey.db.db.query.orders.findFirst({
    where: eq(orders.buyerTelegramId, buyer.id),
  });
  expect(await refundedAmount(journey.db.db, order!.id)).toBe(500);

  // Stripe redelivers the first event (amount_refunded 300) late: 500 stands.
  const [firstEvent] = journey.stripeSim
    .events()
    .filter(
      (event) =>
        event.type === "charge.refunded" &&
        (event.data.object as { payment_intent?: string }).payment_intent === intent,
    );
  await journey.stripeSim.redeliver(firstEvent!.id);
  expect(await refundedAmount(journey.db.db, order!.id)).toBe(500);
  expect(order?.status).toBe("paid");
});
