import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { migratedTestDatabase } from "@/test/database";
import { startRateLimitedTelegram } from "@/test/rate-limited-telegram";
import { paceSends } from "./pace-sends";
import { memoryPace, postgresPace, type PaceLimits, type SendPace } from "./send-pace";

// Telegram's limits scaled down (a chat's fivefold, the bot's threefold), so a test sends a
// promotion's worth in a few seconds; the chat's margin is wide because requests' time in
// transit varies by tens of milliseconds when the whole test suite shares two cores.
const limits: PaceLimits = { botMs: 12, privateChatMs: 350, groupChatMs: 1050 };
const standInLimits = { perSecond: 100, perChatMs: 200 };

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("send_pace");
});
afterAll(() => connection.close());

function apiWith(apiRoot: string, pace?: SendPace) {
  const api = new Api("123456:pace-test-token-abcdefghijklmno", { apiRoot });
  if (pace) api.config.use(paceSends(pace));
  return api;
}

// Eight buyers' chats, six messages each: each chat's one after the other (as the inbox handles
// a chat's updates), the chats at once, spread over the given copies.
async function burst(apis: Api[]) {
  const chats = Array.from({ length: 8 }, (_, i) => 700_000 + i);
  const results = await Promise.all(
    chats.map(async (chat, c) => {
      const sent = [];
      for (let i = 0; i < 6; i++) {
        const api = apis[(c + i) % apis.length]!;
        sent.push(
          await api.sendMessage(chat, `message ${i}`).then(
            () => "sent",
            () => "refused",
          ),
        );
      }
      return sent;
    }),
  );
  return results.flat();
}

describe("Telegram's pace", () => {
  it("is what a rate-limited Bot API refuses without it", async () => {
    const telegram = await startRateLimitedTelegram(standInLimits);
    try {
      const results = await burst([apiWith(telegram.apiRoot)]);
      expect(results.filter((result) => result === "refused").length).toBeGreaterThan(0);
    } finally {
      await telegram.close();
    }
  });

  it("keeps two app copies sharing one database inside the bot's and each chat's limits", async () => {
    const telegram = await startRateLimitedTelegram(standInLimits);
    try {
      // Two copies: each its own client, the turns in the database they share.
      const copies = [
        apiWith(telegram.apiRoot, postgresPace(connection.db, limits)),
        apiWith(telegram.apiRoot, postgresPace(connection.db, limits)),
      ];
      const results = await burst(copies);
      expect(telegram.refusals).toEqual([]);
      expect(results).toEqual(Array(48).fill("sent"));
      expect(telegram.accepted).toHaveLength(48);
    } finally {
      await telegram.close();
    }
  });

  it("keeps one process inside the limits on the embedded database, in memory", async () => {
    const telegram = await startRateLimitedTelegram(standInLimits);
    try {
      const results = await burst([apiWith(telegram.apiRoot, memoryPace(limits))]);
      expect(results).toEqual(Array(48).fill("sent"));
      expect(telegram.refused()).toBe(0);
    } finally {
      await telegram.close();
    }
  });

  it("tells a caller that cannot wait how long its turn is away, without taking it", async () => {
    const pace = postgresPace(connection.db, { ...limits, privateChatMs: 5000 });
    expect(await pace.take(700_100, "send", 1000)).toBeUndefined();
    const wait = await pace.take(700_100, "send", 1000);
    expect(wait).toBeGreaterThan(3000);
    // Declined turns were not taken: the wait has not grown.
    const again = await pace.take(700_100, "send", 1000);
    expect(again).toBeLessThanOrEqual(wait!);
  });

  it("takes a free chat's turns in one statement, and waits out a busy chat before taking them", async () => {
    // Every statement the pace sends, counted on the way to the real database.
    let statements = 0;
    const counted = new Proxy(connection.db, {
      get(target, property, receiver) {
        if (property === "execute") {
          return (...args: Parameters<typeof target.execute>) => {
            statements += 1;
            return target.execute(...args);
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const pace = postgresPace(counted, { ...limits, privateChatMs: 400 });
    await pace.take(700_300, "send");
    expect(statements).toBe(1);
    const start = Date.now();
    await pace.take(700_300, "send");
    expect(Date.now() - start).toBeGreaterThanOrEqual(380);
    expect(statements).toBe(3);
  });

  it("pauses every sender when Telegram answers 429", async () => {
    const pace = postgresPace(connection.db, limits);
    await pace.pauseAll(30);
    // Another copy, another chat: still told to wait for the pause.
    const other = postgresPace(connection.db, limits);
    expect(await other.take(700_200, "edit", 1000)).toBeGreaterThan(25_000);
    await connection.db.execute(
      // The pause is over (as it would be in 30 s).
      (await import("drizzle-orm")).sql`update telegram_send_pace set next_at = now()`,
    );
  });
});
