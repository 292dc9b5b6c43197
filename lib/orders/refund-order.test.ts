import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { orders } from "@/db/schema/orders";
import { createSellerWithProduct } from "@/test/fixtures";
import { orderThroughBot, startJourney, type Journey } from "@/test/journey-harness";
import { refundOrder } from "./refund-order";

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
    expect.stringContaining(`Order #${order!.number} was refunded`),
  );

  await expect(refundOrder(journey.db.db, journey.stripe, seller, order!.id)).rejects.toMatchObject(
    { code: "conflict", reason: "transition" },
  );
});
