import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import type { User } from "@/db/schema/users";
import { saveWithPhotos } from "@/test/save-with-photos";
import { publishProduct } from "@/lib/channels/publish-product";
import { DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { png } from "@/sandbox/telegram/test-support";
import { createSellerWithProduct } from "@/test/fixtures";
import { startJourney, type Journey } from "@/test/journey-harness";
import { photoSends } from "@/test/photo-sends";

// A promo burst opens the same card thousands of times: the photo goes to Telegram once, and
// every later card and post sends the file_id Telegram gave for it.
let journey: Journey;
let seller: User;
beforeAll(async () => {
  journey = await startJourney("product_card_photo");
  await journey.restartBot((key) => journey.storage.get(key));
  ({ seller } = await createSellerWithProduct(journey.db.db));
});
afterAll(() => journey.stop());

let nextBuyer = 970_000;
const newBuyer = () => ({ id: ++nextBuyer, first_name: "Pia", language_code: "en" });

/** A product saved through the seller's form with this photo, as the dashboard does. */
async function photoProduct(photo: Uint8Array, id = "") {
  const form = { id, title: "Espresso Blend", price: "12.90" };
  const product = await saveWithPhotos(journey.db.db, journey.storage, seller, form, [photo]);
  if (!product) throw new Error("product not saved");
  return product;
}

const stored = async (productId: string) =>
  (await journey.db.db.query.products.findFirst({ where: eq(products.id, productId) }))!;

/** Opens the product's card as a new buyer; returns the buyer's id and the card. */
async function openCard(payload: string) {
  const buyer = newBuyer();
  const delivery = await journey.telegram.start(buyer, payload);
  expect(delivery.status).toBe(200);
  return { buyerId: buyer.id, card: journey.lastBotMessage(buyer.id) };
}

describe("a product's photo", () => {
  it("is uploaded once for 50 cards, which then send its file_id", async () => {
    const image = png(640, 480);
    const product = await photoProduct(image);
    const buyers: number[] = [];
    for (let i = 0; i < 50; i++) {
      const { buyerId, card } = await openCard(product.deepLinkPayload);
      buyers.push(buyerId);
      expect(card.photo?.at(-1)).toMatchObject({ width: 640, height: 480 });
      expect(card.caption).toContain("Espresso Blend");
    }
    const { photoFileId, photoFileBotId, photoKey } = await stored(product.id);
    expect(photoFileBotId).toBe(DEFAULT_BOT.id);
    // The photo as stored: uploads are re-encoded on the way in (store-photo.ts).
    const storedPhoto = await journey.storage.get(photoKey ?? "");
    expect(photoSends(journey.telegram, buyers)).toEqual({
      uploads: 1,
      uploadedBytes: storedPhoto?.byteLength,
      fileIds: Array(49).fill(photoFileId),
      refused: 0,
    });
  });

  it("is uploaded once again when the seller replaces it", async () => {
    const first = await photoProduct(png(640, 480));
    const before = [(await openCard(first.deepLinkPayload)).buyerId];
    before.push((await openCard(first.deepLinkPayload)).buyerId);
    expect(photoSends(journey.telegram, before)).toMatchObject({
      uploads: 1,
      fileIds: [(await stored(first.id)).photoFileId],
    });

    const replaced = await photoProduct(png(800, 600), first.id);
    // Cleared in the same write as the new photo: no card may show the old one.
    expect(replaced).toMatchObject({ photoFileId: null, photoFileBotId: null });
    const after: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { buyerId, card } = await openCard(first.deepLinkPayload);
      after.push(buyerId);
      expect(card.photo?.at(-1)).toMatchObject({ width: 800, height: 600 });
    }
    const { photoFileId } = await stored(first.id);
    expect(photoSends(journey.telegram, after)).toMatchObject({
      uploads: 1,
      fileIds: [photoFileId, photoFileId],
    });
  });

  it("is uploaded again when Telegram refuses its stored file_id, and the card still shows it", async () => {
    const product = await photoProduct(png(640, 480));
    // What Telegram answers for a file_id it no longer knows (the simulator never issued it).
    const stale = `photo_${DEFAULT_BOT.id}_999_2_gone`;
    await journey.db.db
      .update(products)
      .set({ photoFileId: stale, photoFileBotId: DEFAULT_BOT.id })
      .where(eq(products.id, product.id));

    const { buyerId, card } = await openCard(product.deepLinkPayload);
    expect(card.photo?.at(-1)).toMatchObject({ width: 640, height: 480 });
    expect(card.caption).toContain("Espresso Blend");
    const { photoFileId } = await stored(product.id);
    expect(photoFileId).not.toBe(stale);
    expect(journey.telegram.file(photoFileId ?? "")).toBeDefined();
    expect(photoSends(journey.telegram, [buyerId])).toMatchObject({
      uploads: 1,
      fileIds: [stale],
      refused: 1,
    });

    const next = await openCard(product.deepLinkPayload);
    expect(photoSends(journey.telegram, [next.buyerId])).toMatchObject({
      uploads: 0,
      fileIds: [photoFileId],
    });
  });

  it("is never sent by another bot's file_id (the bot token changed)", async () => {
    const product = await photoProduct(png(640, 480));
    const otherBotId = DEFAULT_BOT.id + 1;
    await journey.db.db
      .update(products)
      .set({ photoFileId: `photo_${otherBotId}_1_2_elsewhere`, photoFileBotId: otherBotId })
      .where(eq(products.id, product.id));

    const { buyerId, card } = await openCard(product.deepLinkPayload);
    expect(card.photo).toBeDefined();
    expect(photoSends(journey.telegram, [buyerId])).toMatchObject({ uploads: 1, fileIds: [] });
    expect(await stored(product.id)).toMatchObject({ photoFileBotId: DEFAULT_BOT.id });
  });

  it("is uploaded once for posts to two channels and the cards their buyers open", async () => {
    const product = await photoProduct(png(640, 480));
    const chats = [-100_970_001, -100_970_002];
    const connected = [];
    for (const [i, id] of chats.entries()) {
      const owner = { id: seller.telegramId, first_name: seller.name };
      journey.telegram.addChannel({ id, title: `Roastery ${i}`, owner });
      const [channel] = await journey.db.db
        .insert(channels)
        .values({ sellerId: seller.id, telegramChatId: id, title: `Roastery ${i}` })
        .returning();
      connected.push(channel!.id);
    }
    const deps = {
      api: journey.telegramApi,
      botId: DEFAULT_BOT.id,
      botUsername: DEFAULT_BOT.username,
      readPhoto: (key: string) => journey.storage.get(key),
    };
    const results = await publishProduct(journey.db.db, deps, seller, product.id, connected);
    expect(results?.map((result) => result.ok)).toEqual([true, true]);

    const { buyerId, card } = await openCard(product.deepLinkPayload);
    expect(card.photo?.at(-1)).toMatchObject({ width: 640, height: 480 });
    const { photoFileId } = await stored(product.id);
    expect(photoSends(journey.telegram, [...chats, buyerId])).toMatchObject({
      uploads: 1,
      fileIds: [photoFileId, photoFileId],
    });
  });
});
