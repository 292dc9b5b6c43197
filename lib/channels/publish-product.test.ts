import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { posts } from "@/db/schema/channels";
import { type User } from "@/db/schema/users";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { migratedTestDatabase } from "@/test/database";
import { buyerDetails } from "@/test/fixtures";
import { photoSends } from "@/test/photo-sends";
import { addChannel, checkChannel } from "./connect-channel";
import { placeOrder } from "@/lib/checkout/place-order";
import { jobDispatcher } from "@/lib/jobs/dispatch-job";
import { drainOutbox } from "@/lib/jobs/outbox";
import { jobRegistry } from "@/lib/job-registry";
import { archiveProduct, createProduct, updateProduct } from "@/lib/catalog/products";
import { updateChannelPost } from "./update-post";
import { deletePost, listPosts, publishProduct } from "./publish-product";
import { createInvite } from "@/lib/auth/create-invite";
import { signInSeller } from "@/lib/auth/sign-in-seller";
import { createTelegramApi } from "@/lib/telegram/telegram-api";

const telegram = createTelegramSimulator();
// The two sellers as Telegram knows them (their users' telegramId).
const sellerInTelegram = { id: 21, first_name: "Admin" };
const otherInTelegram = { id: 22, first_name: "Other" };
let server: ServedHandler;
let connection: DatabaseConnection;
let seller: User;
let otherSeller: User;
let api: ReturnType<typeof createTelegramApi>;
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

beforeAll(async () => {
  server = await serveFetchHandler(telegram.handle);
  api = createTelegramApi({ token: DEFAULT_BOT.token, apiRoot: server.url });
  connection = await migratedTestDatabase("publish");
  const admin = await signInSeller(
    connection.db,
    { telegramId: 21, name: "Admin" },
    { adminTelegramIds: [] },
  );
  if (!admin.ok) throw new Error("no admin");
  seller = admin.user;
  const { token } = await createInvite(connection.db, admin.user);
  const other = await signInSeller(
    connection.db,
    { telegramId: 22, name: "Other" },
    { adminTelegramIds: [], inviteToken: token },
  );
  if (!other.ok) throw new Error("no seller");
  otherSeller = other.user;
  // The first seller created these channels; the other one helps run Roastery News.
  const owner = sellerInTelegram;
  telegram.addChannel({
    id: -1001000000001,
    title: "Roastery News",
    username: "roastery_news",
    owner,
    admins: [otherInTelegram],
  });
  telegram.addChannel({ id: -1001000000002, title: "Roastery Deals", owner });
  telegram.addChannel({
    id: -1001000000003,
    title: "Read Only",
    username: "read_only",
    botRights: "member",
    owner,
  });
  telegram.addChannel({
    id: -1001000000004,
    title: "Elsewhere",
    username: "elsewhere",
    botRights: "none",
    owner,
  });
});
afterAll(async () => {
  await connection.close();
  await server.close();
});

const deps = () => ({
  api,
  botId: DEFAULT_BOT.id,
  botUsername: DEFAULT_BOT.username,
  readPhoto: async () => png,
});
// What the outbox worker does in the app; these tests queue post refreshes only.
const runQueuedJobs = () =>
  drainOutbox(
    connection.db,
    jobDispatcher(jobRegistry, {
      api,
      storage: undefined as never,
      publicUrl: "https://shop.example.com",
    }),
  );

const asSeller = { botId: DEFAULT_BOT.id, sellerTelegramId: sellerInTelegram.id };

describe("channels", () => {
  it("says exactly what is missing before a channel can be connected", async () => {
    expect(await checkChannel(api, asSeller, "@no_such_channel")).toEqual({
      ok: false,
      problem: "not_found",
    });
    expect(await checkChannel(api, asSeller, "@read_only")).toEqual({
      ok: false,
      problem: "cannot_post",
    });
    expect(await checkChannel(api, asSeller, "@elsewhere")).toEqual({
      ok: false,
      problem: "bot_not_member",
    });
    expect(await checkChannel(api, asSeller, "not a channel!")).toEqual({
      ok: false,
      problem: "invalid_ref",
    });
    expect(await checkChannel(api, asSeller, "https://t.me/roastery_news")).toMatchObject({
      ok: true,
      chatId: -1001000000001,
      title: "Roastery News",
    });
  });

  it("connects a channel to one shop only", async () => {
    expect(
      await addChannel(connection.db, api, DEFAULT_BOT.id, seller, "@roastery_news"),
    ).toMatchObject({ ok: true });
    expect(
      await addChannel(connection.db, api, DEFAULT_BOT.id, seller, "-1001000000002"),
    ).toMatchObject({ ok: true });
    expect(
      await addChannel(connection.db, api, DEFAULT_BOT.id, otherSeller, "@roastery_news"),
    ).toEqual({
      ok: false,
      problem: "taken",
    });
  });
});

describe("publishing", () => {
  it("posts photo, caption and a Buy deep link to each channel, and marks posts sold out with the stock", async () => {
    const product = await createProduct(connection.db, seller, {
      title: "Espresso <Blend>",
      description: "Dark & sweet",
      price: "12.90",
      stock: "1",
      photoKeys: ["espresso.png"],
    });
    const channels = await connection.db.query.channels.findMany();
    const results = await publishProduct(
      connection.db,
      deps(),
      seller,
      product.id,
      channels.map((c) => c.id),
    );
    expect(results?.map((r) => r.ok)).toEqual([true, true]);

    const post = telegram.lastMessage(-1001000000001);
    expect(post?.photo?.length).toBeGreaterThan(0);
    expect(post?.caption).toBe("Espresso <Blend>\n\nDark & sweet\n\n€12.90");
    const button = post?.reply_markup?.inline_keyboard[0]?.[0];
    // Each post has its own deep link (for the funnel), stored with the post.
    const posted = await connection.db.select().from(posts).where(eq(posts.productId, product.id));
    expect(button).toEqual({
      text: "Buy",
      url: `https://t.me/${DEFAULT_BOT.username}?start=${posted.find((p) => p.telegramChatId === -1001000000001)?.deepLinkPayload}`,
    });
    expect(posted.every((p) => /^q_[A-Za-z0-9_-]{12}$/.test(p.deepLinkPayload ?? ""))).toBe(true);
    expect(
      await connection.db.select().from(posts).where(eq(posts.productId, product.id)),
    ).toHaveLength(2);

    // The last one is bought: both posts' buttons turn to "Sold out".
    await placeOrder(connection.db, {
      productId: product.id,
      quantity: 1,
      buyerTelegramId: 777,
      buyerLanguage: "en",
      details: buyerDetails,
      checkoutKey: "publish-sold-out",
    });
    await runQueuedJobs();
    for (const chatId of [-1001000000001, -1001000000002]) {
      expect(telegram.lastMessage(chatId)?.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({
        text: "Sold out",
      });
    }
    const stored = await connection.db.select().from(posts).where(eq(posts.productId, product.id));
    expect(stored.map((p) => p.status)).toEqual(["sold_out", "sold_out"]);
  });

  it("uploads the photo again, once for all channels, when Telegram refuses the stored file_id", async () => {
    const product = await createProduct(connection.db, seller, {
      title: "Filter Blend",
      price: "11",
      photoKeys: ["filter.png"],
    });
    const stale = `photo_${DEFAULT_BOT.id}_999_2_gone`;
    await connection.db
      .update(products)
      .set({ photoFileId: stale, photoFileBotId: DEFAULT_BOT.id })
      .where(eq(products.id, product.id));
    const channels = await connection.db.query.channels.findMany();
    const since = telegram.calls("sendPhoto").length;
    const results = await publishProduct(
      connection.db,
      deps(),
      seller,
      product.id,
      channels.map((c) => c.id),
    );
    expect(results?.map((r) => r.ok)).toEqual([true, true]);
    const { photoFileId } = (await connection.db.query.products.findFirst({
      where: eq(products.id, product.id),
    }))!;
    expect(photoFileId).not.toBe(stale);
    // The first channel's send by the stale file_id is refused and uploads; the second reuses.
    expect(photoSends(telegram, [-1001000000001, -1001000000002], since)).toMatchObject({
      uploads: 1,
      fileIds: [stale, photoFileId],
      refused: 1,
    });
  });

  it("reports each channel's result: a channel where the bot lost its rights fails alone", async () => {
    const product = await createProduct(connection.db, seller, { title: "Mug", price: "9" });
    const [news] = await connection.db.query.channels.findMany({
      where: (c, { eq }) => eq(c.title, "Roastery News"),
    });
    await telegram.setBotRights(-1001000000002, "member");
    const deals = await connection.db.query.channels.findFirst({
      where: (c, { eq }) => eq(c.title, "Roastery Deals"),
    });
    const results = await publishProduct(connection.db, deps(), seller, product.id, [
      news!.id,
      deals!.id,
    ]);
    // In the order the seller sees the channels: by title.
    expect(results).toMatchObject([
      {
        title: "Roastery Deals",
        ok: false,
        error: expect.stringContaining("administrator rights"),
      },
      { title: "Roastery News", ok: true },
    ]);
    await telegram.setBotRights(-1001000000002, "admin");
  });

  it("does not publish another seller's product or to another seller's channel", async () => {
    const product = await createProduct(connection.db, seller, { title: "Private", price: "5" });
    expect(
      await publishProduct(connection.db, deps(), otherSeller, product.id, []),
    ).toBeUndefined();
    const channels = await connection.db.query.channels.findMany();
    const own = await createProduct(connection.db, otherSeller, { title: "Theirs", price: "5" });
    expect(
      await publishProduct(
        connection.db,
        deps(),
        otherSeller,
        own.id,
        channels.map((c) => c.id),
      ),
    ).toEqual([]);
  });

  it("turns the buttons to Sold out when a product is archived", async () => {
    const product = await createProduct(connection.db, seller, { title: "Poster", price: "15" });
    const [news] = await connection.db.query.channels.findMany({
      where: (c, { eq }) => eq(c.title, "Roastery News"),
    });
    await publishProduct(connection.db, deps(), seller, product.id, [news!.id]);
    await archiveProduct(connection.db, seller, product.id);
    await runQueuedJobs();
    expect(
      telegram.lastMessage(-1001000000001)?.reply_markup?.inline_keyboard[0]?.[0],
    ).toMatchObject({ text: "Sold out" });
  });
});

describe("managing posts", () => {
  it("deletes a post from its channel, and only the seller's own", async () => {
    const product = await createProduct(connection.db, seller, { title: "Sticker", price: "2" });
    const [news] = await connection.db.query.channels.findMany({
      where: (c, { eq }) => eq(c.title, "Roastery News"),
    });
    const [published] = (await publishProduct(connection.db, deps(), seller, product.id, [
      news!.id,
    ]))!;
    const messageId = published?.ok ? published.messageId : 0;
    const [post] = await listPosts(connection.db, seller, product.id);
    expect(post).toMatchObject({ channelTitle: "Roastery News", status: "posted" });

    expect(await deletePost(connection.db, api, otherSeller, post!.id)).toBe(false);
    expect(telegram.messages(-1001000000001).some((m) => m.message_id === messageId)).toBe(true);
    expect(await deletePost(connection.db, api, seller, post!.id)).toBe(true);
    expect(telegram.messages(-1001000000001).some((m) => m.message_id === messageId)).toBe(false);
    expect((await listPosts(connection.db, seller, product.id))[0]?.status).toBe("deleted");
    expect(await listPosts(connection.db, otherSeller, product.id)).toEqual([]);
  });

  it("finds no post behind an id that is not one, instead of failing", async () => {
    for (const id of ["not-a-uuid", "", "1; delete from posts"]) {
      expect(await deletePost(connection.db, api, seller, id)).toBe(false);
    }
  });
});

describe("updating a post", () => {
  it("edits the channel's message in place to the product as saved now, photo or not", async () => {
    const withPhoto = await createProduct(connection.db, seller, {
      title: "Mocha",
      price: "9",
      photoKeys: ["mocha.png"],
    });
    const textOnly = await createProduct(connection.db, seller, { title: "Lungo", price: "8" });
    const [news] = await connection.db.query.channels.findMany({
      where: (c, { eq }) => eq(c.title, "Roastery News"),
    });
    for (const product of [withPhoto, textOnly]) {
      await publishProduct(connection.db, deps(), seller, product.id, [news!.id]);
      await updateProduct(connection.db, seller, product.id, {
        title: `${product.title} Deluxe`,
        price: "10.50",
        ...(product.photoKey ? { photoKeys: [product.photoKey] } : {}),
      });
      const [post] = await connection.db
        .select()
        .from(posts)
        .where(eq(posts.productId, product.id));
      const before = telegram.messages(-1001000000001).length;

      expect(await updateChannelPost(connection.db, deps(), seller, post!.id)).toBe("updated");

      const messages = telegram.messages(-1001000000001);
      expect(messages).toHaveLength(before);
      const edited = messages.find((m) => m.message_id === post!.telegramMessageId);
      expect(edited?.caption ?? edited?.text).toBe(`${product.title} Deluxe\n\n€10.50`);
      expect(edited?.reply_markup?.inline_keyboard[0]?.[0]).toEqual({
        text: "Buy",
        url: `https://t.me/${DEFAULT_BOT.username}?start=${post!.deepLinkPayload}`,
      });
      // Another seller cannot touch it.
      expect(await updateChannelPost(connection.db, deps(), otherSeller, post!.id)).toBe(undefined);
    }
  });

  it("records a post deleted in Telegram as deleted instead of failing", async () => {
    const product = await createProduct(connection.db, seller, { title: "Ristretto", price: "7" });
    const [news] = await connection.db.query.channels.findMany({
      where: (c, { eq }) => eq(c.title, "Roastery News"),
    });
    await publishProduct(connection.db, deps(), seller, product.id, [news!.id]);
    const [post] = await connection.db.select().from(posts).where(eq(posts.productId, product.id));
    await api.deleteMessage(post!.telegramChatId, post!.telegramMessageId);

    expect(await updateChannelPost(connection.db, deps(), seller, post!.id)).toBe("gone");
    const [stored] = await connection.db.select().from(posts).where(eq(posts.id, post!.id));
    expect(stored?.status).toBe("deleted");
    expect(await updateChannelPost(connection.db, deps(), seller, post!.id)).toBe(undefined);
  });
});
