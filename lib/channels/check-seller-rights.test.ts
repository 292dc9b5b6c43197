import { Api } from "grammy";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { channels, posts } from "@/db/schema/channels";
import { type User } from "@/db/schema/users";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { migratedTestDatabase } from "@/test/database";
import { createProduct } from "@/lib/catalog/products";
import { createInvite } from "@/lib/auth/create-invite";
import { signInSeller } from "@/lib/auth/sign-in-seller";
import { createTelegramApi } from "@/lib/telegram/telegram-api";
import { addChannel } from "./connect-channel";
import { publishProduct } from "./publish-product";

// Channels belong to the people who run them in Telegram: connecting one, and every publish
// to it, asks Telegram whether the seller is its creator or an administrator who may post.

const telegram = createTelegramSimulator();
let server: ServedHandler;
let connection: DatabaseConnection;
let api: Api;
/** The shop's first user: an admin of the app, which gives no rights in anyone's channel. */
let admin: User;
let seller: User;
const adminInTelegram = { id: 31, first_name: "Ada" };
const sellerInTelegram = { id: 32, first_name: "Sol" };
const stranger = { id: 39, first_name: "Stan" };

beforeAll(async () => {
  server = await serveFetchHandler(telegram.handle);
  api = createTelegramApi({ token: DEFAULT_BOT.token, apiRoot: server.url });
  connection = await migratedTestDatabase("channel_admins");
  const first = await signInSeller(
    connection.db,
    { telegramId: adminInTelegram.id, name: "Ada" },
    { adminTelegramIds: [] },
  );
  if (!first.ok) throw new Error("no admin");
  admin = first.user;
  const { token } = await createInvite(connection.db, admin);
  const second = await signInSeller(
    connection.db,
    { telegramId: sellerInTelegram.id, name: "Sol" },
    { adminTelegramIds: [], inviteToken: token },
  );
  if (!second.ok) throw new Error("no seller");
  seller = second.user;
});
afterAll(async () => {
  await connection.close();
  await server.close();
});

const connect = (who: User, ref: string, through: Api = api) =>
  addChannel(connection.db, through, DEFAULT_BOT.id, who, ref);
const stored = (chatId: number) =>
  connection.db.select().from(channels).where(eq(channels.telegramChatId, chatId));
const deps = () => ({
  api,
  botId: DEFAULT_BOT.id,
  botUsername: DEFAULT_BOT.username,
  readPhoto: async () => undefined,
});

describe("connecting a channel", () => {
  it("refuses a seller who does not run the channel, even an admin of the app, and stores nothing", async () => {
    // The bot is an admin with every right it needs: only the seller's standing is missing.
    const chat = telegram.addChannel({
      id: -1002000000001,
      title: "Stan's Shop",
      username: "stans_shop",
      owner: stranger,
      members: [adminInTelegram],
    });
    expect(admin.role).toBe("admin");
    // A subscriber ("member"), and someone Telegram will not look up for the bot ("user not
    // found", a 400): neither runs the channel.
    expect(await connect(admin, "@stans_shop")).toEqual({
      ok: false,
      problem: "seller_not_admin",
    });
    expect(await connect(seller, "@stans_shop")).toEqual({
      ok: false,
      problem: "seller_not_admin",
    });
    expect(await stored(chat.id)).toEqual([]);
  });

  it("accepts the creator and an administrator who may post, refuses an administrator who may not", async () => {
    telegram.addChannel({
      id: -1002000000002,
      title: "Sol's Beans",
      username: "sols_beans",
      owner: sellerInTelegram,
    });
    telegram.addChannel({
      id: -1002000000003,
      title: "Ada's Mugs",
      username: "adas_mugs",
      owner: stranger,
      admins: [adminInTelegram],
    });
    telegram.addChannel({
      id: -1002000000004,
      title: "Sol's Readers",
      username: "sols_readers",
      owner: stranger,
      admins: [{ ...sellerInTelegram, canPostMessages: false }],
    });
    expect(await connect(seller, "@sols_beans")).toMatchObject({
      ok: true,
      channel: { title: "Sol's Beans", sellerId: seller.id },
    });
    expect(await connect(admin, "@adas_mugs")).toMatchObject({
      ok: true,
      channel: { title: "Ada's Mugs", sellerId: admin.id },
    });
    expect(await connect(seller, "@sols_readers")).toEqual({
      ok: false,
      problem: "seller_not_admin",
    });
    expect(await stored(-1002000000004)).toEqual([]);
  });

  it("says Telegram is unavailable when it fails or cannot be reached, and connects nothing", async () => {
    telegram.addChannel({
      id: -1002000000005,
      title: "Sol's Tea",
      username: "sols_tea",
      owner: sellerInTelegram,
    });
    // Telegram failing on the question about the seller alone, at the first answer and the
    // client's one retry: the bot's own rights check out.
    const failing = await serveFetchHandler(async (request) => {
      const params = (await request
        .clone()
        .json()
        .catch(() => ({}))) as { user_id?: number };
      if (
        /\/getChatMember$/.test(new URL(request.url).pathname) &&
        params.user_id === sellerInTelegram.id
      ) {
        return Response.json(
          { ok: false, error_code: 502, description: "Bad Gateway" },
          { status: 502 },
        );
      }
      return telegram.handle(request);
    });
    onTestFinished(() => failing.close());
    const since = telegram.calls("getChatMember").length;
    const failingApi = createTelegramApi({ token: DEFAULT_BOT.token, apiRoot: failing.url });
    expect(await connect(seller, "@sols_tea", failingApi)).toEqual({
      ok: false,
      problem: "telegram_unavailable",
    });
    expect(telegram.calls("getChatMember").slice(since)).toMatchObject([
      { params: { user_id: DEFAULT_BOT.id }, ok: true },
    ]);
    // No answer at all: nothing listens on the discard port.
    const unreachable = new Api(DEFAULT_BOT.token, { apiRoot: "http://127.0.0.1:9" });
    expect(await connect(seller, "@sols_tea", unreachable)).toEqual({
      ok: false,
      problem: "telegram_unavailable",
    });
    expect(await stored(-1002000000005)).toEqual([]);
    expect(await connect(seller, "@sols_tea")).toMatchObject({ ok: true });
  });
});

describe("publishing to a connected channel", () => {
  it("refuses a seller demoted since connecting, and sends nothing to the channel", async () => {
    const chat = telegram.addChannel({
      id: -1002000000006,
      title: "Sol's Outlet",
      owner: stranger,
      admins: [sellerInTelegram],
    });
    const connected = await connect(seller, String(chat.id));
    if (!connected.ok) throw new Error(`not connected: ${connected.problem}`);
    const product = await createProduct(connection.db, seller, { title: "Tin", price: "4" });
    const publish = () =>
      publishProduct(connection.db, deps(), seller, product.id, [connected.channel.id]);
    expect(await publish()).toMatchObject([{ ok: true }]);

    telegram.setMemberStatus(chat.id, sellerInTelegram, "member");
    const before = telegram.calls().length;
    expect(await publish()).toEqual([
      {
        channelId: connected.channel.id,
        title: "Sol's Outlet",
        ok: false,
        problem: "seller_not_admin",
        error: "seller_not_admin",
      },
    ]);
    // Asked who the seller is, and nothing else.
    expect(
      telegram
        .calls()
        .slice(before)
        .map((call) => call.method),
    ).toEqual(["getChatMember"]);
    expect(telegram.messages(chat.id)).toHaveLength(1);
    expect(
      await connection.db.select().from(posts).where(eq(posts.productId, product.id)),
    ).toHaveLength(1);

    // An admin again, but without "Post messages": still refused.
    telegram.setMemberStatus(chat.id, sellerInTelegram, "administrator", {
      canPostMessages: false,
    });
    expect(await publish()).toMatchObject([{ ok: false, problem: "seller_not_admin" }]);
    expect(telegram.messages(chat.id)).toHaveLength(1);
  });

  it("does not post when Telegram cannot say whether the seller may", async () => {
    const chat = telegram.addChannel({
      id: -1002000000007,
      title: "Sol's Samples",
      owner: sellerInTelegram,
    });
    const connected = await connect(seller, String(chat.id));
    if (!connected.ok) throw new Error(`not connected: ${connected.problem}`);
    const product = await createProduct(connection.db, seller, { title: "Sample", price: "1" });
    // Flood control with a wait longer than the client waits in place.
    telegram.failNext("getChatMember", {
      error_code: 429,
      description: "Too Many Requests: retry after 30",
      parameters: { retry_after: 30 },
    });
    expect(
      await publishProduct(connection.db, deps(), seller, product.id, [connected.channel.id]),
    ).toMatchObject([{ ok: false, problem: "telegram_unavailable" }]);
    expect(telegram.messages(chat.id)).toEqual([]);
  });
});
