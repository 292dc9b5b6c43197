import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { channels, posts } from "@/db/schema/channels";
import { products } from "@/db/schema/catalog";
import { type User } from "@/db/schema/users";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { migratedTestDatabase } from "@/test/database";
import { createInvite } from "@/lib/auth/create-invite";
import { signInSeller } from "@/lib/auth/sign-in-seller";
import { createTelegramApi } from "@/lib/telegram/telegram-api";
import { addChannel, listChannels } from "./connect-channel";
import { disconnectChannel } from "./disconnect-channel";

const telegram = createTelegramSimulator();
let server: ServedHandler;
let connection: DatabaseConnection;
let api: ReturnType<typeof createTelegramApi>;
let alice: User;
let bob: User;

beforeAll(async () => {
  server = await serveFetchHandler(telegram.handle);
  api = createTelegramApi({ token: DEFAULT_BOT.token, apiRoot: server.url });
  connection = await migratedTestDatabase("disconnect_channel");
  const admin = await signInSeller(
    connection.db,
    { telegramId: 31, name: "Admin" },
    { adminTelegramIds: [] },
  );
  if (!admin.ok) throw new Error("no admin");
  const inviteAlice = await createInvite(connection.db, admin.user);
  const inviteBob = await createInvite(connection.db, admin.user);
  const a = await signInSeller(
    connection.db,
    { telegramId: 32, name: "Alice" },
    { adminTelegramIds: [], inviteToken: inviteAlice.token },
  );
  const b = await signInSeller(
    connection.db,
    { telegramId: 33, name: "Bob" },
    { adminTelegramIds: [], inviteToken: inviteBob.token },
  );
  if (!a.ok || !b.ok) throw new Error("no sellers");
  [alice, bob] = [a.user, b.user];
  // Alice runs the channel; later she hands it to Bob, who helps run it.
  telegram.addChannel({
    id: -1002000000001,
    title: "Alice's Finds",
    username: "alices_finds",
    owner: { id: 32, first_name: "Alice" },
    admins: [{ id: 33, first_name: "Bob" }],
  });
});
afterAll(async () => {
  await connection.close();
  await server.close();
});

async function connectAlicesChannel() {
  const added = await addChannel(connection.db, api, DEFAULT_BOT.id, alice, "@alices_finds");
  if (!added.ok) throw new Error(`not connected: ${added.problem}`);
  return added.channel;
}

describe("disconnecting a channel", () => {
  it("does nothing for another seller's channel, a made-up id or garbage", async () => {
    const channel = await connectAlicesChannel();
    expect(await disconnectChannel(connection.db, bob, channel.id)).toBe(false);
    expect(await disconnectChannel(connection.db, bob, crypto.randomUUID())).toBe(false);
    expect(await disconnectChannel(connection.db, bob, "'; drop table channels; --")).toBe(false);
    expect((await listChannels(connection.db, alice)).map((c) => c.title)).toEqual([
      "Alice's Finds",
    ]);
    const row = await connection.db.query.channels.findFirst({
      where: eq(channels.id, channel.id),
    });
    expect(row?.disconnectedAt).toBeNull();
  });

  it("keeps the channel's posts and offers it no more; reconnecting brings it back", async () => {
    const channel = await connectAlicesChannel();
    const [product] = await connection.db
      .insert(products)
      .values({
        sellerId: alice.id,
        title: "Lamp",
        priceMinor: 2500,
        deepLinkPayload: "lamp-payload",
      })
      .returning();
    await connection.db.insert(posts).values({
      productId: product!.id,
      channelId: channel.id,
      telegramChatId: channel.telegramChatId,
      telegramMessageId: 7,
    });

    expect(await disconnectChannel(connection.db, alice, channel.id)).toBe(true);
    expect(await listChannels(connection.db, alice)).toEqual([]);
    expect(await disconnectChannel(connection.db, alice, channel.id)).toBe(false);
    const kept = await connection.db.query.posts.findMany({
      where: eq(posts.channelId, channel.id),
    });
    expect(kept).toHaveLength(1);

    const again = await connectAlicesChannel();
    expect(again.id).toBe(channel.id);
    expect((await listChannels(connection.db, alice)).map((c) => c.title)).toEqual([
      "Alice's Finds",
    ]);
  });

  it("frees a disconnected channel for the next seller who runs it", async () => {
    const channel = await connectAlicesChannel();
    expect(await addChannel(connection.db, api, DEFAULT_BOT.id, bob, "@alices_finds")).toEqual({
      ok: false,
      problem: "taken",
    });
    await disconnectChannel(connection.db, alice, channel.id);
    const taken = await addChannel(connection.db, api, DEFAULT_BOT.id, bob, "@alices_finds");
    expect(taken.ok && taken.channel.sellerId).toBe(bob.id);
    expect(await listChannels(connection.db, alice)).toEqual([]);
    expect((await listChannels(connection.db, bob)).map((c) => c.title)).toEqual(["Alice's Finds"]);
  });
});
