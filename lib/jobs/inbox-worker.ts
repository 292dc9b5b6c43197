import type { Database } from "@/db/client";
import { describeError } from "@/lib/platform/log-privacy";
import { logger } from "@/lib/platform/logger";
import { withLogFields, withoutLogFields } from "@/lib/platform/request-context";
import { withInboxRow } from "./inbox-replies";
import { writeSurely } from "./write-surely";
import {
  claimDue,
  claimNext,
  markDone,
  park,
  renewLease,
  retryLater,
  type InboxRow,
  type InboxSource,
} from "./inbox";

/** What a failure means for the row: tried again (after `afterSeconds`), given up, or done. */
export type InboxVerdict =
  { outcome: "retry"; afterSeconds?: number } | { outcome: "park" } | { outcome: "done" };

export interface InboxHandler {
  /**
   * Carries out the row's effect; a throw leaves the row pending (or parked, see judge).
   * "done" says the handler marked the row done itself, with its effect (markDoneStatement).
   */
  process(row: InboxRow): Promise<void | "done">;
  /** What a failure of process() means; without an answer it is retried with backoff. */
  judge?(error: unknown): InboxVerdict | undefined;
}

export type InboxHandlers = Partial<Record<InboxSource, InboxHandler>>;

// A row is leased for 30 s and the lease renewed every 10 s while it is worked on: a copy
// killed mid-way frees its rows (and the chats behind them) within half a minute.
export const LEASE_SECONDS = 30;
const RENEW_EVERY_MS = 10_000;
// 2 s, 4 s, 8 s … capped at 5 min; after 12 tries (about half an hour) a person should look.
export const MAX_INBOX_ATTEMPTS = 12;
export function inboxRetryDelaySeconds(attempts: number): number {
  return Math.min(2 ** attempts, 300);
}

export type RowOutcome = "done" | "retrying" | "parked";

/** Processes one claimed row and settles it: done, to be retried, or parked with a reason. */
export async function processInboxRow(
  db: Database,
  handlers: InboxHandlers,
  row: InboxRow,
): Promise<RowOutcome> {
  const fields = { inboxId: row.id, source: row.source, externalId: row.externalId };
  return withLogFields(fields, async () => {
    const handler = handlers[row.source as InboxSource];
    if (!handler) {
      // This copy cannot process it (not configured here); another copy or a later start can.
      await retryLater(db, row, `no handler for ${row.source}`, 60);
      return "retrying";
    }
    const renew = setInterval(() => {
      renewLease(db, row, LEASE_SECONDS).catch((error) =>
        logger.warn({ err: error }, "inbox lease not renewed"),
      );
    }, RENEW_EVERY_MS);
    renew.unref();
    try {
      let settled: void | "done";
      try {
        settled = await withInboxRow(row, () => handler.process(row));
      } catch (error) {
        return await settleFailure(db, handler, row, error);
      }
      if (settled !== "done") await recordDone(db, row);
      return "done";
    } finally {
      clearInterval(renew);
    }
  });
}

// The effect has happened (a reply went out): a database away for a moment must not leave the
// row looking unfinished, or it runs again when its lease lapses and the buyer gets the reply
// twice. So recording it is tried again, while the lease is kept, for as long as a lease lasts.
async function recordDone(db: Database, row: InboxRow) {
  await writeSurely(() => markDone(db, row), "inbox row done but", LEASE_SECONDS * 1000);
}

async function settleFailure(db: Database, handler: InboxHandler, row: InboxRow, error: unknown) {
  const verdict = handler.judge?.(error) ?? { outcome: "retry" };
  const reason = describeError(error);
  if (verdict.outcome === "done") {
    logger.info({ reason }, "inbox row done without effect");
    await markDone(db, row);
    return "done" as const;
  }
  if (verdict.outcome === "park" || row.attempts >= MAX_INBOX_ATTEMPTS) {
    logger.error({ err: error, attempts: row.attempts }, "inbox row parked: a person should look");
    await park(db, row, reason);
    return "parked" as const;
  }
  const delay = verdict.afterSeconds ?? inboxRetryDelaySeconds(row.attempts);
  logger.warn(
    { err: error, attempts: row.attempts, retryInSeconds: delay },
    "inbox row failed; retrying",
  );
  await retryLater(db, row, reason, delay);
  return "retrying" as const;
}

export interface DrainInboxResult {
  done: number;
  retrying: number;
  parked: number;
}

/**
 * Processes due rows until none is left, `concurrency` at a time (tests and scripts; the app
 * runs startInboxWorker).
 */
export async function drainInbox(db: Database, handlers: InboxHandlers, concurrency = 4) {
  const result: DrainInboxResult = { done: 0, retrying: 0, parked: 0 };
  const loop = async () => {
    for (;;) {
      const row = await claimNext(db, LEASE_SECONDS);
      if (!row) return;
      result[await processInboxRow(db, handlers, row)] += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return result;
}

export interface InboxWorkerOptions {
  /** How often to look for due rows (retries, rows a dead copy left) besides the kicks. */
  intervalMs?: number;
  /** Rows processed at once by this copy (each waits mostly on Telegram or Stripe). */
  concurrency?: number;
  /**
   * While this says so (webhooks are arriving faster than the process can take them), the
   * copy processes one row at a time, leaving its CPU to answering the senders.
   */
  yieldToIngest?: () => boolean;
  /** Called after a row is done (its effect may have queued notifications). */
  onDone?: () => void;
}

export interface InboxWorker {
  /** Looks for work now (after a webhook stored a row). */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Processes the inbox in this process, up to `concurrency` rows at once. One claim at a time
 * fills the free slots (claimDue): under load several rows finish while a claim is on its way,
 * so the next claim takes them several at once, where a claim per row cost a round trip per
 * row. A kick (a webhook stored a row, a row finished) claims now; an idle copy asks once per
 * interval. Under a flood of webhooks the copy takes rows one at a time (yieldToIngest): Stripe
 * and Telegram are answered first, what they sent is stored, and the backlog is worked off
 * when the flood ebbs — never stopped, so a lasting flood still gets processed.
 */
export function startInboxWorker(
  db: Database,
  handlers: InboxHandlers,
  { intervalMs = 1000, concurrency = 8, onDone, yieldToIngest }: InboxWorkerOptions = {},
): InboxWorker {
  const inFlight = new Set<Promise<void>>();
  let claiming: Promise<void> | undefined;
  // A kick while a claim is on its way: what it announced may have come too late for that claim.
  let kickedMeanwhile = false;
  let stopped = false;

  const fillSlots = async () => {
    for (;;) {
      kickedMeanwhile = false;
      const free = (yieldToIngest?.() ? 1 : concurrency) - inFlight.size;
      if (stopped || free <= 0) return;
      const rows = await claimDue(db, LEASE_SECONDS, free);
      for (const row of rows) start(row);
      if (rows.length < free && !kickedMeanwhile) return;
    }
  };

  function start(row: InboxRow) {
    const running: Promise<void> = processInboxRow(db, handlers, row)
      .then((outcome) => {
        if (outcome === "done") onDone?.();
      })
      .catch((error) =>
        logger.error({ err: error }, "inbox row not settled; retried when its lease lapses"),
      )
      .finally(() => {
        inFlight.delete(running);
        kick();
      });
    inFlight.add(running);
  }

  function kick() {
    if (stopped) return;
    if (claiming) {
      kickedMeanwhile = true;
      return;
    }
    // A kick comes from a request, but the rows processed are not that request's.
    claiming = withoutLogFields(() =>
      fillSlots()
        .catch((error) => logger.error({ err: error }, "inbox worker failed; retrying shortly"))
        .finally(() => {
          claiming = undefined;
        }),
    );
  }

  const timer = setInterval(kick, intervalMs);
  timer.unref();
  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await claiming;
      await Promise.all(inFlight);
    },
  };
}
