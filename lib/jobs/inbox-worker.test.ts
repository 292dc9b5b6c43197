import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { inbox } from "@/db/schema/inbox";
import { connectTestDatabase, migratedTestDatabaseUrl } from "@/test/database";
import { startTcpProxy } from "@/test/tcp-proxy";
import { claimDue, claimNext, inboxState, receive, type InboxRow } from "./inbox";
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

  it("claims several due rows in one statement, only each chat's first unfinished one, most urgent first", async () => {
    const items = [update(51, "a1"), update(51, "a2"), update(52, "b1"), update(53, "c1")];
    const urgent = { ...update(54, "Buy"), priority: 1 };
    for (const item of [...items, urgent]) await receive(connection.db, item);

    const batch = await claimDue(connection.db, 30, 10);
    expect(batch.map((row) => row.externalId)).toEqual([
      urgent.externalId,
      items[0]!.externalId,
      items[2]!.externalId,
      items[3]!.externalId,
    ]);
    expect(batch.every((row) => row.attempts === 1 && row.leaseUntil !== null)).toBe(true);
    // Leased rows are not claimed again, and chat 51's second row waits for its first.
    expect(await claimDue(connection.db, 30, 10)).toEqual([]);
  });

  it("hands the rows of one claim to one copy only when two claim at once", async () => {
    for (let chat = 0; chat < 30; chat++) await receive(connection.db, update(600 + chat));
    const [a, b] = await Promise.all([
      claimDue(connection.db, 30, 20),
      claimDue(connection.db, 30, 20),
    ]);
    const ids = [...a, ...b].map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(30);
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

  it("takes one row at a time while webhooks flood the process, and all of them again after", async () => {
    const burst = Array.from({ length: 24 }, (_, i) => update(800 + i, `f${i}`));
    for (const item of burst) await receive(connection.db, item);
    let flooded = true;
    const handled: string[] = [];
    let running = 0;
    let mostWhileFlooded = 0;
    let mostAfter = 0;
    const worker = startInboxWorker(
      connection.db,
      {
        telegram: {
          process: async (row) => {
            running += 1;
            if (flooded) mostWhileFlooded = Math.max(mostWhileFlooded, running);
            else mostAfter = Math.max(mostAfter, running);
            await new Promise((resolve) => setTimeout(resolve, 20));
            handled.push(row.externalId);
            running -= 1;
          },
        },
      },
      { intervalMs: 200, concurrency: 6, yieldToIngest: () => flooded },
    );
    try {
      worker.kick();
      // Processing goes on during the flood, one row at a time.
      await expect.poll(() => handled.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(8);
      flooded = false;
      worker.kick();
      await expect.poll(() => handled.length, { timeout: 10_000 }).toBe(burst.length);
    } finally {
      await worker.stop();
    }
    expect(mostWhileFlooded).toBe(1);
    expect(mostAfter).toBeGreaterThan(1);
    expect(new Set(handled).size).toBe(burst.length);
  });

  it("works a burst off at most `concurrency` rows at a time, each once, one chat's in order", async () => {
    const burst = Array.from({ length: 60 }, (_, i) => update(700 + (i % 12), `m${i}`));
    for (const item of burst) await receive(connection.db, item);
    const handled: string[] = [];
    let running = 0;
    let most = 0;
    const worker = startInboxWorker(
      connection.db,
      {
        telegram: {
          process: async (row) => {
            running += 1;
            most = Math.max(most, running);
            await new Promise((resolve) => setTimeout(resolve, 5));
            handled.push(row.externalId);
            running -= 1;
          },
        },
      },
      { intervalMs: 200, concurrency: 5 },
    );
    try {
      worker.kick();
      await expect.poll(() => handled.length, { timeout: 10_000 }).toBe(burst.length);
    } finally {
      await worker.stop();
    }
    expect(new Set(handled).size).toBe(burst.length);
    expect(most).toBeLessThanOrEqual(5);
    expect(most).toBeGreaterThan(1);
    for (let chat = 700; chat < 712; chat++) {
      const ofChat = burst.filter((item) => item.orderingKey === `chat:${chat}`);
      const order = ofChat.map((item) => handled.indexOf(item.externalId));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
  });
});
