import { sql } from "drizzle-orm";
import { queryRows, type Database, type DatabaseConnection } from "@/db/client";

/**
 * Telegram's limits for one bot (Bot API FAQ): about 30 messages a second in all, one a second
 * to one chat, twenty a minute to a group or channel. The bot's interval is a little wider than
 * 1/30 s: the limit is Telegram's count, not ours, and a 429 costs more than the margin.
 */
export interface PaceLimits {
  botMs: number;
  privateChatMs: number;
  groupChatMs: number;
}
export const TELEGRAM_LIMITS: PaceLimits = { botMs: 35, privateChatMs: 1000, groupChatMs: 3000 };

export type PacedCall = "send" | "edit";

export interface SendPace {
  /**
   * Waits until a message to `chat` may go, and takes that turn. Only a send waits for its
   * chat; edits wait for the bot's turn only. With `maxWaitMs`, a wait longer than that is not
   * taken: the number of milliseconds to wait is returned instead (the caller reschedules).
   */
  take(chat: number | string, call: PacedCall, maxWaitMs?: number): Promise<number | undefined>;
  /** Telegram answered 429: no copy sends anything for `seconds`. */
  pauseAll(seconds: number): Promise<void>;
}

const BOT_KEY = "bot";

function chatTurn(chat: number | string, limits: PaceLimits) {
  // Private chats have positive ids; groups and channels negative ids or an @username.
  const isPrivate = typeof chat === "number" && chat > 0;
  return { key: `chat:${chat}`, ms: isPrivate ? limits.privateChatMs : limits.groupChatMs };
}

const sleep = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

/**
 * The turns as one process keeps them: for the embedded database, which only one process can
 * open anyway (and whose single connection a job's open transaction holds while it sends).
 */
export function memoryPace(limits: PaceLimits = TELEGRAM_LIMITS): SendPace {
  const next = new Map<string, number>();
  const waitFor = (key: string) => Math.max(0, (next.get(key) ?? 0) - Date.now());
  const reserve = (key: string, ms: number) => {
    const slot = Math.max(next.get(key) ?? 0, Date.now());
    next.set(key, slot + ms);
    return slot - Date.now();
  };
  return {
    async take(chat, call, maxWaitMs) {
      const turn = chatTurn(chat, limits);
      if (maxWaitMs !== undefined) {
        const wait = Math.max(call === "send" ? waitFor(turn.key) : 0, waitFor(BOT_KEY));
        if (wait > maxWaitMs) return wait;
      }
      if (call === "send") await sleep(reserve(turn.key, turn.ms));
      await sleep(reserve(BOT_KEY, limits.botMs));
      return undefined;
    },
    async pauseAll(seconds) {
      next.set(BOT_KEY, Math.max(next.get(BOT_KEY) ?? 0, Date.now() + seconds * 1000));
    },
  };
}

/**
 * The turns in PostgreSQL, shared by every app copy: each take is one upsert per turn that
 * moves the key's next time on and returns the caller's own slot (by the database's clock).
 */
export function postgresPace(db: Database, limits: PaceLimits = TELEGRAM_LIMITS): SendPace {
  const reserve = async (key: string, ms: number) => {
    const [row] = await queryRows<{ wait_ms: number | string }>(
      db,
      sql`insert into telegram_send_pace (key, next_at)
          values (${key}, now() + make_interval(secs => ${ms / 1000}))
          on conflict (key) do update
            set next_at = greatest(telegram_send_pace.next_at, now()) + make_interval(secs => ${ms / 1000})
          returning extract(epoch from (next_at - now())) * 1000 - ${ms} as wait_ms`,
    );
    return Number(row?.wait_ms ?? 0);
  };
  return {
    async take(chat, call, maxWaitMs) {
      const turn = chatTurn(chat, limits);
      if (maxWaitMs !== undefined) {
        const keys = call === "send" ? [BOT_KEY, turn.key] : [BOT_KEY];
        const [row] = await queryRows<{ wait_ms: number | string | null }>(
          db,
          sql`select max(extract(epoch from (next_at - now())) * 1000) as wait_ms
              from telegram_send_pace where key in ${keys}`,
        );
        const wait = Math.max(0, Number(row?.wait_ms ?? 0));
        if (wait > maxWaitMs) return wait;
      }
      if (call === "send") await sleep(await reserve(turn.key, turn.ms));
      await sleep(await reserve(BOT_KEY, limits.botMs));
      return undefined;
    },
    async pauseAll(seconds) {
      await db.execute(
        sql`insert into telegram_send_pace (key, next_at)
            values (${BOT_KEY}, now() + make_interval(secs => ${seconds}))
            on conflict (key) do update
              set next_at = greatest(telegram_send_pace.next_at, excluded.next_at)`,
      );
    },
  };
}

/** Shared turns where copies can share a database, this process's own on the embedded one. */
export function paceFor(connection: DatabaseConnection, limits = TELEGRAM_LIMITS): SendPace {
  return connection.driver === "pglite" ? memoryPace(limits) : postgresPace(connection.db, limits);
}

/** paceFor() on the connection `connect` opens, once it is first needed. */
export function lazyPace(connect: () => Promise<DatabaseConnection>): SendPace {
  let pace: Promise<SendPace> | undefined;
  const resolve = () => {
    pace ??= connect().then(paceFor);
    // A database that could not be opened is asked again by the next message.
    pace.catch(() => (pace = undefined));
    return pace;
  };
  return {
    take: async (chat, call, maxWaitMs) => (await resolve()).take(chat, call, maxWaitMs),
    pauseAll: async (seconds) => (await resolve()).pauseAll(seconds),
  };
}
