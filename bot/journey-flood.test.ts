import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inbox } from "@/db/schema/inbox";
import { UPDATES_PER_USER } from "@/bot/middleware/limit-updates";
import { telegramInboxHandler } from "@/bot/update-inbox";
import { claimNext, receive } from "@/lib/jobs/inbox";
import { processInboxRow } from "@/lib/jobs/inbox-worker";
import { createSellerWithProduct, startUpdate } from "@/test/fixtures";
import { startJourney, type Journey } from "@/test/journey-harness";
import type { SimUser } from "@/sandbox/telegram/types";

// One Telegram user sending faster than any person (issue 13: 100 concurrent /start from one
// user got 100 replies). The bot's own limit, with a window long enough that the whole flood
// falls into one however slowly this machine works through it.
const LIMIT = { max: UPDATES_PER_USER.max, windowSeconds: 3600 };

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney("flood", undefined, { updateLimit: LIMIT });
});
afterAll(() => journey.stop());

let nextUser = 980_000;
const newUser = (language_code: string): SimUser => ({
  id: ++nextUser,
  first_name: "Flo",
  language_code,
});

async function inboxRowsOf(user: SimUser) {
  const rows = await journey.db.db
    .select({ status: inbox.status })
    .from(inbox)
    .where(eq(inbox.orderingKey, `chat:${user.id}`));
  return rows.map((row) => row.status);
}

describe("a flood of updates from one user", () => {
  it.each([
    ["en", "Hi Flo!", "You're sending messages too fast – please wait a few seconds."],
    ["de", "Hallo Flo!", "Du schickst Nachrichten zu schnell – bitte warte ein paar Sekunden."],
  ])(
    "in %s: gets the limit's replies and one polite word, while other buyers are served",
    async (language, greeting, polite) => {
      const flooder = newUser(language);
      // A promotion's buyers at the same time: each with a count of their own.
      const buyers = Array.from({ length: 10 }, () => newUser("en"));
      const { product } = await createSellerWithProduct(journey.db.db);
      const [flood] = await Promise.all([
        Promise.all(Array.from({ length: 100 }, () => journey.telegram.start(flooder))),
        ...buyers.map((buyer) => journey.telegram.start(buyer, product.deepLinkPayload)),
      ]);
      expect(flood.map((delivery) => delivery.status)).toEqual(Array(100).fill(200));

      const texts = journey.botTexts(flooder.id);
      expect(texts.filter((text) => text.startsWith(greeting))).toHaveLength(LIMIT.max);
      expect(texts.filter((text) => text === polite)).toHaveLength(1);
      expect(texts).toHaveLength(LIMIT.max + 1);
      // Dropped, not failed: nothing is left for the inbox to try again.
      expect(new Set(await inboxRowsOf(flooder))).toEqual(new Set(["done"]));
      for (const buyer of buyers) {
        expect(journey.botTexts(buyer.id)).toEqual([expect.stringContaining(product.title)]);
      }
    },
  );

  it("answers a flood of taps with one short notice on the button, not a message", async () => {
    const flooder = newUser("en");
    const { product } = await createSellerWithProduct(journey.db.db);
    await journey.telegram.start(flooder, product.deepLinkPayload);
    const card = journey.lastBotMessage(flooder.id);
    const answersBefore = journey.telegram.calls("answerCallbackQuery").length;
    await Promise.all(
      Array.from({ length: 30 }, () => journey.telegram.pressButton(flooder, card, "card:cancel")),
    );

    const texts = journey.botTexts(flooder.id);
    // The card's /start counted too: the limit's other updates were taps, each answered.
    expect(texts.filter((text) => text === "Order cancelled. Nothing was charged.")).toHaveLength(
      LIMIT.max - 1,
    );
    expect(texts).toHaveLength(LIMIT.max);
    const notices = journey.telegram
      .calls("answerCallbackQuery")
      .slice(answersBefore)
      .filter((call) => (call.params as { text?: string }).text !== undefined);
    expect(notices.map((call) => call.params)).toEqual([
      expect.objectContaining({
        text: "You're sending messages too fast – please wait a few seconds.",
      }),
    ]);
    expect(notices[0]?.params).not.toHaveProperty("show_alert", true);
  });
});

describe("a flood worked off slowly", () => {
  // Telegram lets a bot write about once a second to one chat, so a flood of one chat's
  // updates is worked off over minutes, one at a time: here, one row a little more than a
  // window after the other. What counts is that they all arrived within one window.
  const SHORT = { max: 2, windowSeconds: 1 };
  let slow: Journey;
  beforeAll(async () => {
    slow = await startJourney("flood_slow", undefined, { updateLimit: SHORT });
  });
  afterAll(() => slow.stop());

  it("is counted by when its updates arrived, not when each is processed", async () => {
    const flooder = newUser("en");
    slow.telegram.markStarted(flooder.id);
    for (let i = 0; i < 5; i++) {
      const update = startUpdate(990_000 + i, flooder.id);
      await receive(slow.db.db, {
        source: "telegram",
        externalId: String(update.update_id),
        orderingKey: `chat:${flooder.id}`,
        payload: update,
      });
    }
    const handlers = { telegram: telegramInboxHandler(async () => slow.bot) };
    for (let row = await claimNext(slow.db.db, 30); row; row = await claimNext(slow.db.db, 30)) {
      await processInboxRow(slow.db.db, handlers, row);
      await new Promise((resolve) => setTimeout(resolve, SHORT.windowSeconds * 1000 + 100));
    }

    const texts = slow.botTexts(flooder.id);
    expect(texts.filter((text) => text.startsWith("Hi Ola!"))).toHaveLength(SHORT.max);
    expect(texts.at(-1)).toBe("You're sending messages too fast – please wait a few seconds.");
    expect(texts).toHaveLength(SHORT.max + 1);
  });

  it("lets an update tried again through: it was counted when it first came", async () => {
    const user = newUser("en");
    slow.telegram.markStarted(user.id);
    for (let i = 0; i < SHORT.max; i++) {
      const update = startUpdate(991_000 + i, user.id);
      await receive(slow.db.db, {
        source: "telegram",
        externalId: String(update.update_id),
        orderingKey: `chat:${user.id}`,
        payload: update,
      });
    }
    // The first reply fails on Telegram's side: the update is tried again.
    slow.telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    const first = await slow.processInbox();
    expect(first).toMatchObject({ done: 0, retrying: 1 });
    await slow.db.db
      .update(inbox)
      .set({ runAfter: sql`now()` })
      .where(eq(inbox.orderingKey, `chat:${user.id}`));
    await slow.processInbox();

    expect(slow.botTexts(user.id)).toEqual(
      Array(SHORT.max).fill(expect.stringMatching(/^Hi Ola!/)),
    );
  });
});
