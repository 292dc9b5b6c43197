import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productPhotos, products } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import type { User } from "@/db/schema/users";
import { publishProduct } from "@/lib/channels/publish-product";
import { isAppError } from "@/lib/platform/app-error";
import { DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { png } from "@/sandbox/telegram/test-support";
import { createSellerWithProduct } from "@/test/fixtures";
import { startJourney, type Journey } from "@/test/journey-harness";
import { albumSends, photoSends } from "@/test/photo-sends";
import { saveWithPhotos } from "@/test/save-with-photos";

// A gallery goes to Telegram as an album before the card (albums carry no buttons), each photo
// uploaded once; the channel post shows the cover with its Buy button.
let journey: Journey;
let seller: User;
beforeAll(async () => {
  journey = await startJourney("product_gallery");
  await journey.restartBot((key) => journey.storage.get(key));
  ({ seller } = await createSellerWithProduct(journey.db.db));
});
afterAll(() => journey.stop());

let nextBuyer = 980_000;
let nextChannel = -100_980_000;
const front = png(640, 480);
const side = png(300, 200);
const back = png(100, 400);
const widthOf = (message: { photo?: { width: number }[] }) => message.photo?.at(-1)?.width;

const form = (id = "", photoKeys: string[] = []) => ({
  id,
  photoKeys,
  title: "Espresso Blend",
  price: "12.90",
});

const keysOf = async (productId: string) => {
  const product = await journey.db.db.query.products.findFirst({
    where: eq(products.id, productId),
  });
  const rest = await journey.db.db.query.productPhotos.findMany({
    where: eq(productPhotos.productId, productId),
    orderBy: productPhotos.position,
  });
  return { product: product!, keys: [product!.photoKey, ...rest.map((row) => row.photoKey)] };
};

/** Opens the product's card as a new buyer; returns the buyer and what the bot sent them. */
async function openCard(payload: string) {
  const buyer = { id: ++nextBuyer, first_name: "Pia", language_code: "en" };
  const delivery = await journey.telegram.start(buyer, payload);
  expect(delivery.status).toBe(200);
  const sent = journey.telegram.messages(buyer.id).filter((m) => m.from?.id === DEFAULT_BOT.id);
  return { buyerId: buyer.id, sent };
}

/** A new channel of the seller's, connected; its Telegram chat id and our id. */
async function connectChannel() {
  const id = --nextChannel;
  const owner = { id: seller.telegramId, first_name: seller.name };
  journey.telegram.addChannel({ id, title: `Roastery ${id}`, owner });
  const [channel] = await journey.db.db
    .insert(channels)
    .values({ sellerId: seller.id, telegramChatId: id, title: `Roastery ${id}` })
    .returning();
  return { chatId: id, channelId: channel!.id };
}

async function publishTo(productId: string, channelId: string) {
  const deps = {
    api: journey.telegramApi,
    botId: DEFAULT_BOT.id,
    botUsername: DEFAULT_BOT.username,
    readPhoto: (key: string) => journey.storage.get(key),
  };
  const [result] = (await publishProduct(journey.db.db, deps, seller, productId, [channelId]))!;
  expect(result).toMatchObject({ ok: true });
}

describe("a product's gallery", () => {
  it("reaches the buyer as an album of its photos, in order, then the card with Buy", async () => {
    const product = (await saveWithPhotos(journey.db.db, journey.storage, seller, form(), [
      front,
      side,
      back,
    ]))!;
    const { sent } = await openCard(product.deepLinkPayload);
    const album = sent.slice(-4, -1);
    const card = sent.at(-1)!;
    expect(album.map(widthOf)).toEqual([640, 300, 100]);
    expect(new Set(album.map((m) => m.media_group_id)).size).toBe(1);
    expect(album[0]?.media_group_id).toBeDefined();
    expect(album.every((m) => m.reply_markup === undefined)).toBe(true);
    // The card is text now: it follows the album, and its Buy button is the one to press.
    expect(card.photo).toBeUndefined();
    expect(card.text).toContain("Espresso Blend");
    expect(card.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("Buy");
  });

  it("is uploaded once: a second buyer's album and two channel posts send file_ids", async () => {
    const product = (await saveWithPhotos(journey.db.db, journey.storage, seller, form(), [
      front,
      side,
      back,
    ]))!;
    const first = await openCard(product.deepLinkPayload);
    expect(albumSends(journey.telegram, [first.buyerId])).toMatchObject({
      albums: [3],
      uploads: 3,
      fileIds: [],
    });
    const { product: stored } = await keysOf(product.id);
    const rows = await journey.db.db.query.productPhotos.findMany({
      where: eq(productPhotos.productId, product.id),
      orderBy: productPhotos.position,
    });
    const fileIds = [stored.photoFileId, ...rows.map((row) => row.photoFileId)];
    expect(fileIds.every(Boolean)).toBe(true);

    const second = await openCard(product.deepLinkPayload);
    expect(albumSends(journey.telegram, [second.buyerId])).toEqual({
      albums: [3],
      uploads: 0,
      fileIds,
      refused: 0,
    });
    const [one, two] = [await connectChannel(), await connectChannel()];
    await publishTo(product.id, one.channelId);
    await publishTo(product.id, two.channelId);
    // The posts carry the cover (with the Buy button), by the file_id the album got for it.
    expect(photoSends(journey.telegram, [one.chatId, two.chatId])).toMatchObject({
      uploads: 0,
      fileIds: [fileIds[0], fileIds[0]],
    });
    const post = journey.telegram.messages(two.chatId).at(-1)!;
    expect(widthOf(post)).toBe(640);
    expect(post.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ text: "Buy" });
  });

  it("takes a new order: the next post shows the new cover, and nothing is uploaded again", async () => {
    const product = (await saveWithPhotos(journey.db.db, journey.storage, seller, form(), [
      front,
      side,
      back,
    ]))!;
    await openCard(product.deepLinkPayload);
    const { keys } = await keysOf(product.id);
    const reordered = [keys[1]!, keys[0]!, keys[2]!];
    await saveWithPhotos(journey.db.db, journey.storage, seller, form(product.id, reordered), []);
    expect((await keysOf(product.id)).keys).toEqual(reordered);

    const channel = await connectChannel();
    await publishTo(product.id, channel.channelId);
    const post = journey.telegram.messages(channel.chatId).at(-1)!;
    expect(widthOf(post)).toBe(300);
    expect(photoSends(journey.telegram, [channel.chatId])).toMatchObject({ uploads: 0 });

    const next = await openCard(product.deepLinkPayload);
    expect(next.sent.slice(-4, -1).map(widthOf)).toEqual([300, 640, 100]);
    expect(albumSends(journey.telegram, [next.buyerId])).toMatchObject({ uploads: 0 });
  });

  it("shrinks when photos are removed: one left is the card's photo again, none a text card", async () => {
    const product = (await saveWithPhotos(journey.db.db, journey.storage, seller, form(), [
      front,
      side,
      back,
    ]))!;
    await openCard(product.deepLinkPayload);
    const { keys } = await keysOf(product.id);
    await saveWithPhotos(journey.db.db, journey.storage, seller, form(product.id, [keys[2]!]), []);
    expect((await keysOf(product.id)).keys).toEqual([keys[2]]);

    const single = await openCard(product.deepLinkPayload);
    expect(albumSends(journey.telegram, [single.buyerId]).albums).toEqual([]);
    const card = single.sent.at(-1)!;
    expect(widthOf(card)).toBe(100);
    expect(card.caption).toContain("Espresso Blend");
    // The kept photo still goes by the file_id its album upload got.
    expect(photoSends(journey.telegram, [single.buyerId])).toMatchObject({ uploads: 0 });

    await saveWithPhotos(journey.db.db, journey.storage, seller, form(product.id, []), []);
    const none = await openCard(product.deepLinkPayload);
    expect(none.sent.at(-1)).toMatchObject({ text: expect.stringContaining("Espresso Blend") });
    expect(none.sent.at(-1)?.photo).toBeUndefined();
  });

  it("is uploaded again, whole, when Telegram refuses one of the album's file_ids", async () => {
    const product = (await saveWithPhotos(journey.db.db, journey.storage, seller, form(), [
      front,
      side,
    ]))!;
    await openCard(product.deepLinkPayload);
    // What Telegram answers for a file_id it no longer knows (the simulator never issued it).
    const stale = `photo_${DEFAULT_BOT.id}_999_2_gone`;
    await journey.db.db
      .update(products)
      .set({ photoFileId: stale, photoFileBotId: DEFAULT_BOT.id })
      .where(eq(products.id, product.id));

    const refused = await openCard(product.deepLinkPayload);
    expect(refused.sent.slice(-3, -1).map(widthOf)).toEqual([640, 300]);
    expect(albumSends(journey.telegram, [refused.buyerId])).toMatchObject({
      albums: [2, 2],
      uploads: 2,
      refused: 1,
    });
    const next = await openCard(product.deepLinkPayload);
    expect(albumSends(journey.telegram, [next.buyerId])).toMatchObject({ uploads: 0, refused: 0 });
  });

  it("refuses an eleventh photo with a message saying the limit", async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => png(20 + i, 20));
    const error = await saveWithPhotos(
      journey.db.db,
      journey.storage,
      seller,
      form(),
      eleven,
    ).catch((caught: unknown) => caught);
    expect(isAppError(error, "invalid") && error.details.fields).toEqual({
      photos: { key: "tooManyPhotos" },
    });
    const messages = JSON.parse(readFileSync("messages/en.json", "utf8")) as {
      productForm: { errors: Record<string, string> };
    };
    expect(messages.productForm.errors.tooManyPhotos).toBe(
      "A product takes up to 10 photos. Remove one before adding another.",
    );
  });
});
