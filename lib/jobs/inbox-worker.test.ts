import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { inbox } from "@/db/schema/inbox";
import { connectTestDatabase, migratedTestDatabaseUrl } from "@/test/database";
import { startTcpProxy } from "@/test/tcp-proxy";
import { claimNext, inboxState, receive, type InboxRow } from "./inbox";
import { drainInbox, processInboxRow, startInboxWorker, type InboxHandlers } from "./inbox-worker";

let url: string;
let connection: DatabaseConnection;
beforeAll(async () => {
  url = await migratedTestDatabaseUrl("inbox_worker");
  connection = await connectTestDatabase(url);
});
afterAll(() => connection.close());
beforeEach(async () => {
  await connection.db.delete(inbox).where(sql`true`);
});

let nextId = 0;
const update = (chat: number | null, text = "hi") => ({
  source: "telegram" as const,
  externalId: String(++nextId),
  orderingKey: chat === null ? null : `chat:${chat}`,
  payload: { text, chat },
});

const rowOf = async (externalId: string) =>
  (await connection.db.select().from(inbox).where(eq(inbox.externalId, externalId)))[0]!;

describe("storing", () => {
  it("stores an update once however often it is delivered", async () => {
    const item = update(1);
    expect(await receive(connection.db, item)).toBe("stored");
    expect(await receive(connection.db, item)).toBe("duplicate");
    expect(await connection.db.select().from(inbox)).toHaveLength(1);
  });
});

describe("claiming", () => {
  it("holds a chat's later update back while an earlier one is unfinished, but not other chats'", async () => {
    const first = update(7, "first");
    const second = update(7, "second");
    const other = update(8, "other chat");
    for (const item of [first, second, other]) await receive(connection.db, item);

    const a = await claimNext(connection.db, 30);
    const b = await claimNext(connection.db, 30);
    const c = await claimNext(connection.db, 30);
    expect(a?.externalId).toBe(first.externalId);
    // The second of chat 7 waits for the first: the next claim is the other chat's.
    expect(b?.externalId).toBe(other.externalId);
    expect(c).toBeUndefined();
  });

  it("takes a started checkout's next step before new product cards that arrived earlier", async () => {
    const cards = [update(41, "/start a"), update(42, "/start b"), update(43, "/start c")];
    for (const card of cards) await receive(connection.db, card);
    const buy = { ...update(44, "Buy"), priority: 1 };
    await receive(connection.db, buy);
    const order = [];
    for (
      let row = await claimNext(connection.db, 30);
      row;
      row = await claimNext(connection.db, 30)
    ) {
      order.push(row.externalId);
    }
    expect(order).toEqual([buy.externalId, ...cards.map((card) => card.externalId)]);
  });

  it("keeps one chat's rows in arrival order whatever their priority", async () => {
    const start = update(45, "/start a");
    const answer = { ...update(45, "Buy"), priority: 1 };
    await receive(connection.db, start);
    await receive(connection.db, answer);
    expect((await claimNext(connection.db, 30))?.externalId).toBe(start.externalId);
    expect(await claimNext(connection.db, 30)).toBeUndefined();
  });

  it("gives a row a crashed copy held to another copy once its lease lapses", async () => {
    const item = update(9);
    await receive(connection.db, item);
    // The copy that took it dies without a word.
    const taken = await claimNext(connection.db, 1);
    expect(taken?.attempts).toBe(1);
    expect(await claimNext(connection.db, 30)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const retaken = await claimNext(connection.db, 30);
    expect(retaken).toMatchObject({ externalId: item.externalId, attempts: 2 });

    // The dead copy's late settle changes nothing: the row is the new holder's.
    const handled: string[] = [];
    const handlers: InboxHandlers = {
      telegram: { process: async (row) => void handled.push(row.externalId) },
    };
    await processInboxRow(connection.db, handlers, taken!);
    expect((await rowOf(item.externalId)).status).toBe("pending");
    await processInboxRow(connection.db, handlers, retaken!);
    expect((await rowOf(item.externalId)).status).toBe("done");
  });
});

describe("processing", () => {
  it("retries a failure with backoff and keeps the chat's later updates waiting", async () => {
    const failing = update(11, "fails");
    const later = update(11, "later");
    await receive(connection.db, failing);
    await receive(connection.db, later);
    const handled: string[] = [];
    const result = await drainInbox(connection.db, {
      telegram: {
        async process(row) {
          if (row.externalId === failing.externalId) throw new Error("Telegram timed out");
          handled.push(row.externalId);
        },
      },
    });
    expect(result).toEqual({ done: 0, retrying: 1, parked: 0 });
    expect(handled).toEqual([]);
    const row = await rowOf(failing.externalId);
    expect(row).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "Error: Telegram timed out",
    });
    expect(row.runAfter.getTime()).toBeGreaterThan(Date.now());
  });

  it("parks what cannot succeed, with its reason, and lets the chat go on", async () => {
    const refused = update(12, "refused");
    const next = update(12, "next");
    await receive(connection.db, refused);
    await receive(connection.db, next);
    const handled: string[] = [];
    const result = await drainInbox(connection.db, {
      telegram: {
        async process(row) {
          if (row.externalId === refused.externalId) throw new Error("Bad Request: nope");
          handled.push(row.externalId);
        },
        judge: () => ({ outcome: "park" }),
      },
    });
    expect(result).toEqual({ done: 1, retrying: 0, parked: 1 });
    expect(handled).toEqual([next.externalId]);
    const state = await inboxState(connection.db, new Date(Date.now() - 60_000));
    expect(state.parked).toEqual([
      expect.objectContaining({
        externalId: refused.externalId,
        lastError: "Error: Bad Request: nope",
      }),
    ]);
  });

  it("records a row done once the database is back, rather than doing it again", async () => {
    const item = update(31);
    await receive(connection.db, item);
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(url).port) });
    const through = await connectTestDatabase(proxy.url(url));
    try {
      const row = (await claimNext(through.db, 30))!;
      let runs = 0;
      const outcome = await processInboxRow(
        through.db,
        {
          telegram: {
            async process() {
              runs += 1;
              // The reply went out; then the database is away for a second.
              proxy.cut();
              setTimeout(() => proxy.restore(), 1000);
            },
          },
        },
        row,
      );
      expect(outcome).toBe("done");
      expect(runs).toBe(1);
      expect(await rowOf(item.externalId)).toMatchObject({ status: "done", attempts: 1 });
    } finally {
      await through.close();
      await proxy.close();
    }
  });

  it("two copies draining at once run each update once and one chat's updates in order", async () => {
    const chats = [21, 22, 23, 24];
    const perChat = 6;
    for (let i = 0; i < perChat; i++) {
      for (const chat of chats) await receive(connection.db, update(chat, String(i)));
    }
    const handled: string[] = [];
    const busy = new Set<string>();
    const overlaps: string[] = [];
    const handlers: InboxHandlers = {
      telegram: {
        async process(row: InboxRow) {
          const { chat, text } = row.payload as { chat: number; text: string };
          const key = String(chat);
          if (busy.has(key)) overlaps.push(`${chat}:${text}`);
          busy.add(key);
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
          busy.delete(key);
          handled.push(`${chat}:${text}`);
        },
      },
    };
    // Two app copies, each with several loops, on one database.
    await Promise.all([
      drainInbox(connection.db, handlers, 4),
      drainInbox(connection.db, handlers, 4),
    ]);
    expect(overlaps).toEqual([]);
    expect(handled).toHaveLength(chats.length * perChat);
    expect(new Set(handled).size).toBe(handled.length);
    for (const chat of chats) {
      const order = handled.filter((entry) => entry.startsWith(`${chat}:`));
      expect(order).toEqual(Array.from({ length: perChat }, (_, i) => `${chat}:${i}`));
    }
  });

  it("processes updates without a chat side by side", async () => {
    for (let i = 0; i < 4; i++) await receive(connection.db, update(null));
    let concurrent = 0;
    let most = 0;
    await drainInbox(
      connection.db,
      {
        telegram: {
          async process() {
            most = Math.max(most, ++concurrent);
            await new Promise((resolve) => setTimeout(resolve, 30));
            concurrent -= 1;
          },
        },
      },
      4,
    );
    expect(most).toBeGreaterThan(1);
  });
});

describe("the worker", () => {
  it("processes what a kick announces and what it finds on its own", async () => {
    const handled: string[] = [];
    const worker = startInboxWorker(
      connection.db,
      { telegram: { process: async (row) => void handled.push(row.externalId) } },
      { intervalMs: 200 },
    );
    try {
      const kicked = update(31);
      await receive(connection.db, kicked);
      worker.kick();
      // Stored by another copy, which kicked its own worker: found at the next look.
      const found = update(32);
      await receive(connection.db, found);
      await expect
        .poll(() => handled.slice().sort())
        .toEqual([kicked.externalId, found.externalId].sort());
    } finally {
      await worker.stop();
    }
  });
});
