import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { InlineKeyboard } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products } from "@/db/schema/catalog";
import { channels, deepLinkStarts, posts } from "@/db/schema/channels";
import { orders } from "@/db/schema/orders";
import { localObjectStorage } from "@/lib/platform/object-storage";
import { refreshProductPosts } from "@/lib/catalog/refresh-posts";
import { placeOrder } from "@/lib/checkout/place-order";
import { buyerDetails, createSellerWithProduct } from "@/test/fixtures";
import { orderThroughBot, startJourney, type Journey } from "@/test/journey-harness";

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney("dialog");
});
afterAll(() => journey.stop());

let nextBuyer = 940_000;
const newBuyer = (language_code = "en") => ({ id: ++nextBuyer, first_name: "Noa", language_code });

const ordersOf = (buyerId: number) =>
  journey.db.db.select().from(orders).where(eq(orders.buyerTelegramId, buyerId));

describe("the product card", () => {
  it("greets a plain /start and explains /status", async () => {
    const buyer = newBuyer("de");
    await journey.telegram.start(buyer);
    const greeting = journey.lastBotMessage(buyer.id).text ?? "";
    expect(greeting).toContain("Hallo Noa!");
    expect(greeting).toContain("/status");
  });

  it("says clearly when a deep link's product is unknown, archived or sold out", async () => {
    const buyer = newBuyer();
    await journey.telegram.start(buyer, "no-such-product");
    expect(journey.lastBotMessage(buyer.id).text).toContain("cannot find this product");

    const { product: archived } = await createSellerWithProduct(journey.db.db, {
      title: "Old Mug",
    });
    await journey.db.db
      .update(products)
      .set({ archivedAt: new Date() })
      .where(eq(products.id, archived.id));
    await journey.telegram.start(buyer, archived.deepLinkPayload);
    expect(journey.lastBotMessage(buyer.id).text).toBe('Sorry, "Old Mug" is no longer sold.');

    const { product: soldOut } = await createSellerWithProduct(journey.db.db, {
      title: "Tour Shirt",
      stock: 0,
    });
    await journey.telegram.start(buyer, soldOut.deepLinkPayload);
    expect(journey.lastBotMessage(buyer.id).text).toBe('Sorry, "Tour Shirt" is sold out.');
  });

  it("shows the product's photo with the card as its caption", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "promo-photos-"));
    mkdirSync(path.join(dataDir, "uploads"));
    // A minimal PNG header is enough for Telegram (and its simulator) to read the size.
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
    png.writeUInt32BE(13, 8);
    png.write("IHDR", 12, "ascii");
    png.writeUInt32BE(640, 16);
    png.writeUInt32BE(480, 20);
    writeFileSync(path.join(dataDir, "uploads", "espresso.png"), png);
    const storage = localObjectStorage(path.join(dataDir, "uploads"));
    await journey.restartBot((key) => storage.get(key));
    try {
      const { product } = await createSellerWithProduct(journey.db.db);
      await journey.db.db
        .update(products)
        .set({ photoKey: "espresso.png", description: "Dark, chocolatey, roasted in Leipzig." })
        .where(eq(products.id, product.id));
      const buyer = newBuyer();
      await journey.telegram.start(buyer, product.deepLinkPayload);
      const card = journey.lastBotMessage(buyer.id);
      expect(card.photo?.at(-1)).toMatchObject({ width: 640, height: 480 });
      expect(card.caption).toContain("Dark, chocolatey, roasted in Leipzig.");
      expect(card.caption).toContain("Price: €12.90");
    } finally {
      await journey.restartBot();
    }
  });
});

describe("a sold-out channel post", () => {
  it("answers a tap on Sold out with an alert in the buyer's language", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 0 });
    const chat = journey.telegram.addChannel({ id: -100_888, title: "Shirts" });
    const message = await journey.bot.api.sendMessage(chat.id, "Tour Shirt", {
      reply_markup: new InlineKeyboard().url("Buy", "https://t.me/promo_sandbox_bot?start=x"),
    });
    const [channel] = await journey.db.db
      .insert(channels)
      .values({ sellerId: seller.id, telegramChatId: chat.id, title: "Shirts" })
      .returning();
    await journey.db.db.insert(posts).values({
      productId: product.id,
      channelId: channel!.id,
      telegramChatId: chat.id,
      telegramMessageId: message.message_id,
    });
    // What the outbox does once stock reaches 0: the post's Buy becomes a Sold out button.
    await refreshProductPosts(journey.db.db, journey.bot.api, product.id);

    for (const [language, alert] of [
      ["en", "Sorry, this product is sold out. Keep an eye on the channel for new offers."],
      ["de", "Dieses Produkt ist leider ausverkauft. Schau im Kanal nach neuen Angeboten."],
    ] as const) {
      const delivery = await journey.telegram.pressButton(newBuyer(language), message, "soldout");
      expect(delivery.status).toBe(200);
      expect(journey.telegram.calls("answerCallbackQuery").at(-1)?.params).toMatchObject({
        text: alert,
        show_alert: true,
      });
    }
    expect(journey.telegram.pendingCallbackQueries()).toEqual([]);
  });
});

describe("the order dialog", () => {
  it("re-asks a wrong quantity and lets the buyer change a field from the summary", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 4 });
    const buyer = newBuyer();
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    await journey.say(buyer, "7");
    expect(journey.lastBotMessage(buyer.id).text).toBe("Please send a number from 1 to 4.");
    await journey.say(buyer, "2");
    for (const answer of ["Noa Nowak", "Ring 3", "1010", "Wien"]) await journey.say(buyer, answer);
    await journey.say(buyer, "XX");
    expect(journey.lastBotMessage(buyer.id).text).toContain("We ship to: DE, AT");
    await journey.say(buyer, "at");
    await journey.say(buyer, "noa@example.com");
    expect(journey.lastBotMessage(buyer.id).text).toContain("Wien");

    await journey.press(buyer, "dlg:edit");
    await journey.press(buyer, "dlg:field:city");
    await journey.say(buyer, "Graz");
    const summary = journey.lastBotMessage(buyer.id).text ?? "";
    expect(summary).toContain("Graz");
    expect(summary).toContain("2 × Espresso Blend 250 g");
    expect(summary).toContain("Total: €25.80");
  });

  it("offers a returning buyer their last details", async () => {
    const buyer = newBuyer();
    const { product: first } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    await orderThroughBot(journey, buyer, first);

    const { product: second } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    await journey.telegram.start(buyer, second.deepLinkPayload);
    await journey.press(buyer, `buy:${second.id}`);
    const offer = journey.lastBotMessage(buyer.id).text ?? "";
    expect(offer).toContain("Ship to the same details as last time?");
    expect(offer).toContain("Hauptstraße 1");
    await journey.press(buyer, "dlg:prev:yes");
    expect(journey.lastBotMessage(buyer.id).text).toContain("Please check your order");
  });

  it("makes one order and one Checkout Session however often Confirm is tapped", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    for (const answer of ["Noa Nowak", "Ring 3", "10115", "Berlin", "DE", "noa@example.com"]) {
      await journey.say(buyer, answer);
    }
    const summary = journey.lastBotMessage(buyer.id);
    const sessionsBefore = journey.stripeSim.sessions().length;
    // Ten taps that arrive at once (issue 13), then a late one.
    const taps = await Promise.all(
      Array.from({ length: 10 }, () => journey.telegram.pressButton(buyer, summary, "dlg:confirm")),
    );
    expect(taps.map((tap) => tap.status)).toEqual(Array(10).fill(200));
    // A late one cannot be made: the summary's buttons went with the first tap.
    await expect(
      (async () => journey.telegram.pressButton(buyer, summary, "dlg:confirm"))(),
    ).rejects.toThrow(/has no button/);

    expect(await ordersOf(buyer.id)).toHaveLength(1);
    expect(journey.stripeSim.sessions().length - sessionsBefore).toBe(1);
    // One "reserved" message with its Pay button; the other taps are answered without one.
    const reserved = journey.botTexts(buyer.id).filter((text) => text.includes("is reserved"));
    expect(reserved).toHaveLength(1);
    expect(journey.telegram.pendingCallbackQueries()).toEqual([]);
  });

  it("ends with /cancel at any step, reserving nothing", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    await journey.say(buyer, "Noa Nowak");
    await journey.say(buyer, "/cancel");
    expect(journey.lastBotMessage(buyer.id).text).toBe("Order cancelled. Nothing was charged.");
    // The dialog is gone: a street now is just a message, not an answer.
    await journey.say(buyer, "Ring 3");
    expect(journey.lastBotMessage(buyer.id).text).toContain("/status");
    expect(await ordersOf(buyer.id)).toHaveLength(0);
  });

  it("continues mid-dialog after a restart or on another app copy", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    await journey.say(buyer, "Noa Nowak");
    await journey.say(buyer, "Ring 3");

    await journey.restartBot();
    for (const answer of ["10115", "Berlin", "DE", "noa@example.com"]) {
      await journey.say(buyer, answer);
    }
    const summary = journey.lastBotMessage(buyer.id).text ?? "";
    expect(summary).toContain("Noa Nowak");
    expect(summary).toContain("Ring 3");
    await journey.press(buyer, "dlg:confirm");
    expect(await ordersOf(buyer.id)).toMatchObject([
      { contactName: "Noa Nowak", addressCity: "Berlin" },
    ]);
  });
});

describe("/status", () => {
  it("lists the buyer's orders newest first, five to a page", async () => {
    const buyer = newBuyer();
    const { product } = await createSellerWithProduct(journey.db.db, { stock: null });
    // Placed as the dialog places them: seven dialogs in a row through the bot would be some
    // seventy updates in a few seconds, which its per-user limit refuses as a flood.
    for (let i = 0; i < 7; i++) {
      await placeOrder(journey.db.db, {
        productId: product.id,
        quantity: 1,
        buyerTelegramId: buyer.id,
        buyerLanguage: "en",
        details: buyerDetails,
        checkoutKey: `status-paging-${buyer.id}-${i}`,
      });
    }
    const numbers = (await ordersOf(buyer.id))
      .map((order) => order.shopNumber)
      .sort((a, b) => b - a);

    await journey.say(buyer, "/status");
    const page1 = journey.lastBotMessage(buyer.id);
    expect(page1.text).toContain("Your orders (page 1 of 2)");
    expect(page1.text).toContain("Awaiting payment – pay with the link in this chat");
    const shown = (text: string) => [...text.matchAll(/#(\d+) ·/g)].map((m) => Number(m[1]));
    expect(shown(page1.text ?? "")).toEqual(numbers.slice(0, 5));

    await journey.press(buyer, "status:2");
    const page2 = journey.lastBotMessage(buyer.id);
    expect(page2.message_id).toBe(page1.message_id);
    expect(shown(page2.text ?? "")).toEqual(numbers.slice(5));
  });

  it("tells a buyer without orders how to order", async () => {
    const buyer = newBuyer();
    await journey.say(buyer, "/status");
    expect(journey.lastBotMessage(buyer.id).text).toContain("You have no orders yet.");
  });
});

describe("funnel attribution", () => {
  it("records which channel post a buyer came from, on the start and on the order", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 3 });
    const [channel] = await journey.db.db
      .insert(channels)
      .values({ sellerId: seller.id, telegramChatId: -100_777, title: "Drops" })
      .returning();
    const [post] = await journey.db.db
      .insert(posts)
      .values({
        productId: product.id,
        channelId: channel!.id,
        telegramChatId: -100_777,
        telegramMessageId: 7,
        deepLinkPayload: "q_from_drops",
      })
      .returning();
    const buyer = newBuyer();
    await orderThroughBot(journey, buyer, { id: product.id, deepLinkPayload: "q_from_drops" });
    const [order] = await ordersOf(buyer.id);
    expect(order?.postId).toBe(post!.id);
    const starts = await journey.db.db
      .select()
      .from(deepLinkStarts)
      .where(eq(deepLinkStarts.buyerTelegramId, buyer.id));
    expect(starts.map((start) => start.postId)).toEqual([post!.id]);
  });
});
