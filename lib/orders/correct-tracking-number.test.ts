import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "@/db/schema/orders";
import type { User } from "@/db/schema/users";
import { isAppError } from "@/lib/platform/app-error";
import { createSellerWithProduct, orderRow } from "@/test/fixtures";
import { startJourney, type Journey } from "@/test/journey-harness";
import { changeOrderStatus } from "./change-order-status";
import { correctTrackingNumber } from "./correct-tracking-number";
import { orderTimeline } from "./find-order";

let journey: Journey;
let seller: User;
let productId: string;
beforeAll(async () => {
  journey = await startJourney("correct_tracking");
  const shop = await createSellerWithProduct(journey.db.db);
  seller = shop.seller;
  productId = shop.product.id;
});
afterAll(() => journey.stop());

async function paidOrder(buyerTelegramId: number) {
  journey.telegram.markStarted(buyerTelegramId);
  const [order] = await journey.db.db
    .insert(orders)
    .values(
      orderRow(
        { sellerId: seller.id, productId, checkoutKey: `tracking-${buyerTelegramId}` },
        { buyerTelegramId },
      ),
    )
    .returning();
  return order!;
}

describe("a seller corrects a shipped order's tracking number", () => {
  it("stores the new number and tells the buyer once per correction", async () => {
    const order = await paidOrder(994_001);
    await changeOrderStatus(journey.db.db, seller, {
      orderId: order.id,
      to: "shipped",
      trackingNumber: "00340434161234567899",
    });
    await journey.drainOutbox();

    const { order: corrected } = await correctTrackingNumber(journey.db.db, seller, {
      orderId: order.id,
      trackingNumber: " 00340434161234567890 ",
    });
    // The same number saved again (a second click) is no news for the buyer.
    const again = await correctTrackingNumber(journey.db.db, seller, {
      orderId: order.id,
      trackingNumber: "00340434161234567890",
    });
    await journey.drainOutbox();
    await journey.drainOutbox();

    expect(corrected.trackingNumber).toBe("00340434161234567890");
    expect(again.changed).toBe(false);
    expect(journey.botTexts(994_001)).toEqual([
      `📦 Order #${order.shopNumber} has shipped! Tracking number: 00340434161234567899`,
      `📦 The tracking number of order #${order.shopNumber} was corrected. It is now: 00340434161234567890`,
    ]);

    // A second correction, even back to the first number, is told again.
    await correctTrackingNumber(journey.db.db, seller, {
      orderId: order.id,
      trackingNumber: "00340434161234567899",
    });
    await journey.drainOutbox();
    expect(journey.botTexts(994_001)).toHaveLength(3);
    expect(journey.botTexts(994_001).at(-1)).toContain("It is now: 00340434161234567899");
    const history = await orderTimeline(journey.db.db, order.id);
    expect(history.filter((event) => event.from === "shipped" && event.to === "shipped")).toEqual([
      expect.objectContaining({ note: "00340434161234567890", actorKind: "seller" }),
      expect.objectContaining({ note: "00340434161234567899" }),
    ]);
  });

  it("refuses a number over 100 characters at its field, and tells nobody", async () => {
    const order = await paidOrder(994_002);
    await changeOrderStatus(journey.db.db, seller, { orderId: order.id, to: "shipped" });
    await journey.drainOutbox();
    const refused = await correctTrackingNumber(journey.db.db, seller, {
      orderId: order.id,
      trackingNumber: "T".repeat(101),
    }).catch((error: unknown) => error);
    expect(isAppError(refused, "invalid") && refused.details.fields).toEqual({
      trackingNumber: { key: "tooLong" },
    });
    await journey.drainOutbox();
    expect(journey.botTexts(994_002)).toHaveLength(1);
  });

  it("refuses an order not shipped yet, and another seller's order", async () => {
    const order = await paidOrder(994_003);
    const unshipped = await correctTrackingNumber(journey.db.db, seller, {
      orderId: order.id,
      trackingNumber: "12345678901",
    }).catch((error: unknown) => error);
    expect(isAppError(unshipped, "conflict")).toBe(true);

    const other = await createSellerWithProduct(journey.db.db);
    const foreign = await correctTrackingNumber(journey.db.db, other.seller, {
      orderId: order.id,
      trackingNumber: "12345678901",
    }).catch((error: unknown) => error);
    expect(isAppError(foreign, "not_found")).toBe(true);
  });
});
