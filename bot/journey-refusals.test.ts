import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "@/db/schema/orders";
import { botConversations } from "@/db/schema/telegram";
import { users } from "@/db/schema/users";
import { createSellerWithProduct, orderRow } from "@/test/fixtures";
import { orderThroughBot, startJourney, type Journey } from "@/test/journey-harness";
import type { SimUser } from "@/sandbox/telegram/types";

// Telegram's refusals that retrying never fixes, met while handling an update: each must end
// the update as handled (webhook 200), or Telegram redelivers it and it fails again, forever.

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney("journey_refusals");
});
afterAll(() => journey.stop());

let nextBuyer = 930_000;
const newBuyer = (language_code = "en"): SimUser => ({
  id: ++nextBuyer,
  first_name: "Kim",
  language_code,
});

const TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid";
const BLOCKED = { error_code: 403, description: "Forbidden: bot was blocked by the user" };

/** A buyer with six paid orders: /status shows two pages, with "Older »" on the first. */
async function buyerWithTwoPages() {
  const buyer = newBuyer();
  const { seller, product } = await createSellerWithProduct(journey.db.db);
  for (let i = 0; i < 6; i++) {
    await journey.db.db
      .insert(orders)
      .values(
        orderRow(
          { sellerId: seller.id, productId: product.id, checkoutKey: randomUUID() },
          { buyerTelegramId: buyer.id },
        ),
      );
  }
  await journey.say(buyer, "/status");
  const list = journey.lastBotMessage(buyer.id);
  expect(list.text).toContain("(page 1 of 2)");
  return { buyer, list };
}

describe("/status paging", () => {
  it("takes a double tap on Older » as one page turn", async () => {
    const { buyer, list } = await buyerWithTwoPages();
    // Both taps leave the client before the first one is handled.
    const taps = await Promise.all([
      journey.telegram.pressButton(buyer, list, "status:2"),
      journey.telegram.pressButton(buyer, list, "status:2"),
    ]);
    expect(taps.map((tap) => tap.status)).toEqual([200, 200]);

    const chat = journey.telegram.messages(buyer.id).filter((m) => m.from?.is_bot);
    expect(chat).toHaveLength(1);
    expect(chat[0]?.text).toContain("(page 2 of 2)");
    const edits = journey.telegram
      .calls("editMessageText")
      .filter((call) => call.params.chat_id === buyer.id);
    // The second edit was refused as "not modified", and that is where it ended.
    expect(edits.map((call) => call.ok)).toEqual([true, false]);
    expect(edits[1]?.error?.description).toContain("message is not modified");
    expect(journey.telegram.pendingCallbackQueries()).toEqual([]);
  });

  it("turns the page even when the tap is answered too late", async () => {
    const { buyer, list } = await buyerWithTwoPages();
    journey.telegram.failNext("answerCallbackQuery", { error_code: 400, description: TOO_OLD });
    const tap = await journey.telegram.pressButton(buyer, list, "status:2");
    expect(tap.status).toBe(200);
    expect(journey.lastBotMessage(buyer.id).text).toContain("(page 2 of 2)");
  });

  it("sends the page anew when the list was deleted before the tap arrived", async () => {
    const { buyer, list } = await buyerWithTwoPages();
    const tap = await journey.telegram.pressButton(buyer, list, "status:2");
    // Telegram redelivers the same tap later, after the buyer deleted the list.
    const late = await journey.telegram.deliver({
      update_id: tap.update.update_id + 1,
      callback_query: {
        ...tap.update.callback_query!,
        id: `${tap.update.callback_query!.id}-late`,
        message: { ...list, message_id: list.message_id + 1000 },
      },
    });
    expect(late.status).toBe(200);
    const pages = journey.botTexts(buyer.id);
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain("(page 2 of 2)");
  });
});

describe("a buyer who blocked the bot", () => {
  it("is recorded as blocked, and the update is done", async () => {
    const buyer = newBuyer();
    // A buyer who also sells: someone whose notifications the shop keeps track of.
    await journey.db.db.insert(users).values({ telegramId: buyer.id, name: "Kim" });
    journey.telegram.markStarted(buyer);
    // Blocked while the bot was answering: the my_chat_member update comes later.
    journey.telegram.failNext("sendMessage", BLOCKED);
    const delivery = await journey.telegram.sendText(buyer, "/status");
    expect(delivery.status).toBe(200);
    const user = await journey.db.db.query.users.findFirst({
      where: eq(users.telegramId, buyer.id),
    });
    expect(user?.notificationsBlockedAt).toBeInstanceOf(Date);
  });

  it("ends an open dialog, and the update is done", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    journey.telegram.failNext("sendMessage", BLOCKED);
    const delivery = await journey.telegram.sendText(buyer, "Noa Nowak");
    expect(delivery.status).toBe(200);
    const dialog = await journey.db.db.query.botConversations.findFirst({
      where: eq(botConversations.key, String(buyer.id)),
    });
    expect(dialog).toBeUndefined();
  });
});

describe("the order dialog", () => {
  it("waits out a 429 and goes on with the dialog", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    journey.telegram.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 2",
      parameters: { retry_after: 2 },
    });
    await journey.say(buyer, "Noa Nowak");
    const asked = journey.botTexts(buyer.id).filter((text) => text.startsWith("Street"));
    expect(asked).toEqual(["Street and house number?"]);
    expect(
      journey.telegram
        .calls("sendMessage")
        .filter((call) => call.params.chat_id === buyer.id && call.error?.error_code === 429),
    ).toHaveLength(1);

    // Each later update replays the dialog, 429 included, from its record: no second 429.
    for (const answer of ["Ring 3", "10115", "Berlin", "DE", "noa@example.com"]) {
      await journey.say(buyer, answer);
    }
    await journey.press(buyer, "dlg:confirm");
    const placed = await journey.db.db.query.orders.findMany({
      where: eq(orders.buyerTelegramId, buyer.id),
    });
    expect(placed).toMatchObject([{ contactName: "Noa Nowak", addressStreet: "Ring 3" }]);
    expect(
      journey.telegram
        .calls("sendMessage")
        .filter((call) => call.params.chat_id === buyer.id && call.error?.error_code === 429),
    ).toHaveLength(1);
  });

  it("answers a button of a dialog that has ended: it has expired", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    for (const answer of ["Noa Nowak", "Ring 3", "10115", "Berlin"]) {
      await journey.say(buyer, answer);
    }
    // /cancel ends the dialog while the country question still shows its buttons.
    const question = journey.lastBotMessage(buyer.id);
    await journey.say(buyer, "/cancel");
    const before = journey.botTexts(buyer.id).length;
    const tap = await journey.telegram.pressButton(buyer, question, "dlg:country:DE");
    expect(tap.status).toBe(200);
    expect(journey.telegram.calls("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: "This button has expired.",
    });
    expect(journey.botTexts(buyer.id)).toHaveLength(before);
  });
});

describe("an old New payment link button", () => {
  it("answers that the order is already paid, once it is", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    const session = await orderThroughBot(journey, buyer, product);
    await journey.stripeSim.expire(session.id);
    await journey.stripeSim.settled();
    await journey.drainOutbox();
    const order = await journey.db.db.query.orders.findFirst({
      where: eq(orders.buyerTelegramId, buyer.id),
    });
    await journey.press(buyer, `renew:${order!.id}`);
    await journey.stripeSim.pay(journey.stripeSim.sessions().at(-1)!.id);
    const before = journey.botTexts(buyer.id).length;

    for (const [language, answer] of [
      ["en", "This order is already paid."],
      ["de", "Diese Bestellung ist schon bezahlt."],
    ] as const) {
      await journey.press({ ...buyer, language_code: language }, `renew:${order!.id}`);
      expect(journey.telegram.calls("answerCallbackQuery").at(-1)?.params).toMatchObject({
        text: answer,
      });
    }
    expect(journey.botTexts(buyer.id)).toHaveLength(before);
    expect(
      journey.stripeSim.sessions().filter((s) => s.metadata?.order_id === order!.id),
    ).toHaveLength(2);
  });
});
