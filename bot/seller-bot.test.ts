import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders, type Order } from "@/db/schema/orders";
import { createSellerWithProduct, orderRow } from "@/test/fixtures";
import { startJourney, TELEGRAM_SECRET, type Journey } from "@/test/journey-harness";

let journey: Journey;
let seller: { id: number; first_name: string };
let stranger: { id: number; first_name: string };
let paid: Order;
let shipped: Order;

beforeAll(async () => {
  journey = await startJourney("seller_bot");
  const shop = await createSellerWithProduct(journey.db.db, { stock: null });
  const other = await createSellerWithProduct(journey.db.db, { stock: null });
  seller = { id: shop.seller.telegramId, first_name: "Sam" };
  stranger = { id: other.seller.telegramId, first_name: "Olli" };
  const base = { sellerId: shop.seller.id, productId: shop.product.id };
  const details = { quantity: 2, totalAmountMinor: 2580 };
  [paid, shipped] = (await journey.db.db
    .insert(orders)
    .values([
      orderRow({ ...base, checkoutKey: "sb-1" }, { ...details, buyerTelegramId: 970_001 }),
      orderRow(
        { ...base, checkoutKey: "sb-2" },
        { ...details, buyerTelegramId: 970_002, status: "shipped" },
      ),
    ])
    .returning()) as [Order, Order];
  journey.telegram.markStarted(970_001);
});
afterAll(() => journey.stop());

describe("sellers in the bot", () => {
  it("/orders lists open orders with buttons to move each on", async () => {
    await journey.say(seller, "/orders");
    const list = journey.lastBotMessage(seller.id);
    expect(list.text).toContain("Open orders");
    expect(list.text).toContain(`#${paid.shopNumber} · Paid · €25.80`);
    expect(list.text).toContain(`#${shipped.shopNumber} · Shipped`);
    const buttons = list.reply_markup?.inline_keyboard.flat().map((b) => b.text);
    expect(buttons).toEqual([
      `Ship #${paid.shopNumber}`,
      `Delivered #${paid.shopNumber}`,
      `Delivered #${shipped.shopNumber}`,
    ]);
  });

  it("ships an order from a button and tells the buyer", async () => {
    await journey.press(seller, `ship:${paid.id}`);
    const order = await journey.db.db.query.orders.findFirst({ where: eq(orders.id, paid.id) });
    expect(order?.status).toBe("shipped");
    await journey.drainOutbox();
    expect(journey.lastBotMessage(970_001).text).toContain(
      `Order #${paid.shopNumber} has shipped!`,
    );
  });

  it("/order <number> shows one order of the seller's shop, and only theirs", async () => {
    await journey.say(seller, `/order ${shipped.shopNumber}`);
    expect(journey.lastBotMessage(seller.id).text).toContain("Hauptstraße 1");
    await journey.say(stranger, `/order ${shipped.shopNumber}`);
    expect(journey.lastBotMessage(stranger.id).text).toBe(
      `There is no order #${shipped.shopNumber} in your shop.`,
    );
    await journey.say(seller, "/order");
    expect(journey.lastBotMessage(seller.id).text).toContain(
      "Send /order followed by the order number",
    );
  });

  it("refuses another seller's button and buyers' /orders", async () => {
    const before = await journey.db.db.query.orders.findFirst({ where: eq(orders.id, shipped.id) });
    // The stranger sends the seller's button data from a chat of their own.
    const replay = await journey.telegram.deliver(
      {
        update_id: 880_001,
        callback_query: {
          id: "stranger-press",
          from: { id: stranger.id, is_bot: false, first_name: "Olli" },
          chat_instance: "stranger",
          data: `deliver:${shipped.id}`,
        },
      },
      { secretToken: TELEGRAM_SECRET },
    );
    expect(replay.status).toBe(200);
    expect(journey.telegram.calls("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: "This order does not belong to your shop.",
      show_alert: true,
    });
    const after = await journey.db.db.query.orders.findFirst({ where: eq(orders.id, shipped.id) });
    expect(after?.status).toBe(before?.status);

    const buyer = { id: 970_003, first_name: "Bea" };
    await journey.say(buyer, "/orders");
    expect(journey.lastBotMessage(buyer.id).text).toBe(
      "This command is for sellers. Sign in to the dashboard first.",
    );
  });
});
