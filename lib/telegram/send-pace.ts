import { sql } from "drizzle-orm";
import { queryRows, type Database, type DatabaseConnection } from "@/db/client";

/**
 * Telegram's limits for one bot (Bot API FAQ): about 30 messages a second in all, one a second
 * to one chat, twenty a minute to a group or channel.
 */
export interface PaceLimits {
  botMs: number;
  privateChatMs: number;
  groupChatMs: number;
}
// Each a little wider than Telegram's figure: the limit is counted where requests arrive, and
// requests spend different times on the way there.
export const TELEGRAM_LIMITS: PaceLimits = { botMs: 35, privateChatMs: 1100, groupChatMs: 3100 };

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
 * How a message takes its turns: first it waits until its chat is free (taking nothing), then
 * takes the bot's next turn and the chat's turn at that same moment, so that one chat's
 * messages are exactly the chat's interval apart where they leave. Only when another sender
 * took the chat meanwhile (rare: one chat's updates are handled one at a time) does the message
 * wait past its bot turn.
 */
interface Turns {
  /**
   * Takes the bot's next turn and the chat's if the chat is free now (the milliseconds until
   * the turn); otherwise takes nothing and says how long until the chat is free. One question
   * for the usual case, a message into a chat nothing was sent to for a while (a new buyer's
   * card): the database's round trips are most of a message's time in the app.
   */
  reserveIfFree(chat: {
    key: string;
    ms: number;
  }): Promise<{ turnIn: number } | { freeIn: number }>;
  /** Takes the bot's next turn, and the chat's from then on; the milliseconds to wait. */
  reserve(chat: { key: string; ms: number } | undefined): Promise<number>;
}

async function takeTurns(turns: Turns, chat: { key: string; ms: number } | undefined) {
  if (chat) {
    const taken = await turns.reserveIfFree(chat);
    if ("turnIn" in taken) return sleep(taken.turnIn);
    await sleep(taken.freeIn);
  }
  await sleep(await turns.reserve(chat));
}

/**
 * The turns as one process keeps them: for the embedded database, which only one process can
 * open anyway (and whose single connection a job's open transaction holds while it sends).
 */
export function memoryPace(limits: PaceLimits = TELEGRAM_LIMITS): SendPace {
  const next = new Map<string, number>();
  const waitFor = (key: string) => Math.max(0, (next.get(key) ?? 0) - Date.now());
  const turns: Turns = {
    async reserveIfFree(chat) {
      const freeIn = waitFor(chat.key);
      return freeIn > 0 ? { freeIn } : { turnIn: await turns.reserve(chat) };
    },
    async reserve(chat) {
      const now = Date.now();
      const botSlot = Math.max(next.get(BOT_KEY) ?? 0, now);
      next.set(BOT_KEY, botSlot + limits.botMs);
      if (!chat) return botSlot - now;
      const chatSlot = Math.max(next.get(chat.key) ?? 0, botSlot);
      next.set(chat.key, chatSlot + chat.ms);
      return chatSlot - now;
    },
  };
  return {
    async take(chat, call, maxWaitMs) {
      const turn = call === "send" ? chatTurn(chat, limits) : undefined;
      if (maxWaitMs !== undefined) {
        const wait = Math.max(turn ? waitFor(turn.key) : 0, waitFor(BOT_KEY));
        if (wait > maxWaitMs) return wait;
      }
      await takeTurns(turns, turn);
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
  const secs = (ms: number) => ms / 1000;
  const waitUntil = async (keys: string[]) => {
    const [row] = await queryRows<{ wait_ms: number | string | null }>(
      db,
      sql`select max(extract(epoch from (next_at - clock_timestamp())) * 1000) as wait_ms
          from telegram_send_pace where key in ${keys}`,
    );
    return Math.max(0, Number(row?.wait_ms ?? 0));
  };
  // One statement: the bot's turn, and the chat's from that moment on. The slots come back as
  // points in time, not waits: a wait would count from when the answer arrives, and answers
  // take different times to arrive. `onlyIf` gates the bot's turn (nothing is taken without it).
  const botTurn = (onlyIf = sql`true`) =>
    sql`insert into telegram_send_pace (key, next_at)
          select ${BOT_KEY}, clock_timestamp() + make_interval(secs => ${secs(limits.botMs)})
          where ${onlyIf}
        on conflict (key) do update
          set next_at = greatest(telegram_send_pace.next_at, clock_timestamp())
            + make_interval(secs => ${secs(limits.botMs)})
        returning next_at - make_interval(secs => ${secs(limits.botMs)}) as slot`;
  const chatTurnFrom = (chat: { key: string; ms: number }) =>
    sql`insert into telegram_send_pace (key, next_at)
          select ${chat.key}, slot + make_interval(secs => ${secs(chat.ms)}) from bot
        on conflict (key) do update
          set next_at = greatest(telegram_send_pace.next_at, excluded.next_at
            - make_interval(secs => ${secs(chat.ms)})) + make_interval(secs => ${secs(chat.ms)})
        returning next_at - make_interval(secs => ${secs(chat.ms)}) as slot`;
  const turns: Turns = {
    async reserveIfFree(chat) {
      const [row] = await queryRows<{
        free_in_ms: number | string;
        slot_ms: number | string | null;
      }>(
        db,
        sql`with free as (
              select coalesce(max(extract(epoch from (next_at - clock_timestamp())) * 1000), 0)
                as in_ms
              from telegram_send_pace where key = ${chat.key}),
            bot as (${botTurn(sql`(select in_ms from free) <= 0`)}),
            chat as (${chatTurnFrom(chat)})
            select (select in_ms from free) as free_in_ms,
              (select extract(epoch from slot) * 1000 from chat) as slot_ms`,
      );
      if (row?.slot_ms === null || row?.slot_ms === undefined) {
        return { freeIn: Math.max(0, Number(row?.free_in_ms ?? 0)) };
      }
      return { turnIn: Number(row.slot_ms) - Date.now() };
    },
    async reserve(chat) {
      const [row] = await queryRows<{ slot_ms: number | string }>(
        db,
        chat
          ? sql`with bot as (${botTurn()}), chat as (${chatTurnFrom(chat)})
              select extract(epoch from chat.slot) * 1000 as slot_ms from chat`
          : sql`with bot as (${botTurn()}) select extract(epoch from bot.slot) * 1000 as slot_ms from bot`,
      );
      return Number(row?.slot_ms ?? 0) - Date.now();
    },
  };
  return {
    async take(chat, call, maxWaitMs) {
      const turn = call === "send" ? chatTurn(chat, limits) : undefined;
      if (maxWaitMs !== undefined) {
        const wait = await waitUntil(turn ? [BOT_KEY, turn.key] : [BOT_KEY]);
        if (wait > maxWaitMs) return wait;
      }
      await takeTurns(turns, turn);
      return undefined;
    },
    async pauseAll(seconds) {
      await db.execute(
        sql`insert into telegram_send_pace (key, next_at)
            values (${BOT_KEY}, clock_timestamp() + make_interval(secs => ${seconds}))
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
