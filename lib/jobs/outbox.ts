import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gt,
  inArray,
  lt,
  lte,
  min,
  not,
  notExists,
  or,
  sql,
} from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { outbox } from "@/db/schema/jobs";
import { withLogFields } from "@/lib/platform/request-context";

export type OutboxRow = typeof outbox.$inferSelect;

/** One row to queue: build it with a job definition's `of()` (lib/jobs/define-job.ts). */
export interface OutboxJob {
  kind: string;
  payload: Record<string, unknown>;
  /** Same key, same job: queueing it again (a redelivered webhook) does nothing. */
  dedupeKey: string;
  /** Jobs with the same key run one at a time, in the order they were queued. */
  orderingKey?: string;
  createdAt?: Date;
}

/**
 * Queues jobs in the caller's transaction, so they exist exactly when the state change does.
 * The dedupe key makes a second enqueue of the same job a no-op.
 */
export async function enqueue(tx: Database, ...jobs: OutboxJob[]) {
  if (jobs.length === 0) return;
  await tx.insert(outbox).values(jobs).onConflictDoNothing({ target: outbox.dedupeKey });
}

/** A failure that retrying cannot fix (e.g. the user blocked the bot). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentDeliveryError";
  }
}

/**
 * Not a failure: the job may not run yet (Telegram said 429, or the chat's turn is far off).
 * The row is rescheduled for then, and the try does not count against its attempts.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly seconds: number,
    message = `not yet: retry in ${seconds} s`,
  ) {
    super(message);
    this.name = "RetryLaterError";
  }
}

export const MAX_ATTEMPTS = 8;

// 10 s, 20 s, 40 s … capped at 30 min: a Telegram outage of a few hours still delivers.
export function retryDelaySeconds(attempts: number): number {
  return Math.min(10 * 2 ** (attempts - 1), 30 * 60);
}

export type Deliver = (tx: Database, row: OutboxRow) => Promise<void>;

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

// No earlier job with the same ordering key is still pending (sending, or waiting for its
// retry): `row` may go. FOR UPDATE on a row someone holds would otherwise skip past it.
export function noEarlierPending(tx: Database, row: { id: AnyPgColumn; orderingKey: AnyPgColumn }) {
  const earlier = alias(outbox, "earlier");
  return notExists(
    tx
      .select({ id: earlier.id })
      .from(earlier)
      .where(
        and(
          eq(earlier.orderingKey, row.orderingKey),
          lt(earlier.id, row.id),
          eq(earlier.status, "pending"),
        ),
      ),
  );
}

// A first kind's job is due and free to go (one being sent counts: it is still pending). One
// held back by its ordering key does not hold the others back, or it could wait on them.
function firstKindDue(tx: Database, firstKinds: readonly string[]) {
  const first = alias(outbox, "first");
  return exists(
    tx
      .select({ id: first.id })
      .from(first)
      .where(
        and(
          eq(first.status, "pending"),
          lte(first.runAfter, sql`now()`),
          inArray(first.kind, [...firstKinds]),
          noEarlierPending(tx, first),
        ),
      ),
  );
}

/**
 * Sends due messages, `concurrency` at a time (each waits mostly on Telegram's pace and
 * answer). Jobs of `firstKinds` go before any other due job (a buyer waiting for their
 * payment's confirmation): while one of them is due, other kinds wait, so a burst's seller
 * notices and invoices do not take the bot's turns (about 30 messages a second in all) from the
 * buyers, nor its PDFs the CPU. Each is claimed with FOR UPDATE SKIP LOCKED
 * inside its own transaction and marked sent in that same transaction, so several loops and
 * app copies draining at once never pick the same row, and a crash mid-send leaves it pending
 * for another try.
 */
export async function drainOutbox(
  db: Database,
  deliver: Deliver,
  limit = 100,
  concurrency = 1,
  firstKinds: readonly string[] = [],
) {
  const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
  let claimed = 0;
  const loop = async () => {
    while (claimed < limit) {
      claimed += 1;
      const outcome = await db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(outbox)
          .where(
            and(
              eq(outbox.status, "pending"),
              lte(outbox.runAfter, sql`now()`),
              noEarlierPending(tx, outbox),
              firstKinds.length > 0
                ? or(inArray(outbox.kind, [...firstKinds]), not(firstKindDue(tx, firstKinds)))
                : undefined,
            ),
          )
          .orderBy(asc(outbox.runAfter), asc(outbox.id))
          .limit(1)
          .for("update", { skipLocked: true });
        if (!row) return undefined;
        return settle(tx, row, deliver);
      });
      if (!outcome) return;
      result[outcome] += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return result;
}

/**
 * Marks jobs that another job's message covered (a seller's digest of the orders waiting for
 * their chat) as sent, in that job's transaction: they are done exactly when it is.
 */
export async function markSentWith(tx: Database, ids: readonly number[]) {
  if (ids.length === 0) return;
  await tx
    .update(outbox)
    .set({
      status: "sent",
      attempts: sql`${outbox.attempts} + 1`,
      sentAt: new Date(),
      lastError: null,
    })
    .where(and(inArray(outbox.id, [...ids]), eq(outbox.status, "pending")));
}

async function settle(tx: Database, row: OutboxRow, deliver: Deliver) {
  const attempts = row.attempts + 1;
  try {
    // A failed call's log line says which job it was for.
    await withLogFields({ outboxId: row.id, outboxKind: row.kind }, () => deliver(tx, row));
    await tx
      .update(outbox)
      .set({ status: "sent", attempts, sentAt: new Date(), lastError: null })
      .where(eq(outbox.id, row.id));
    return "sent" as const;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.name === "RetryLaterError") {
      // Waiting for Telegram's pace inside this transaction would hold the row, a connection
      // and this worker; the row is simply due again when its turn comes.
      await tx
        .update(outbox)
        .set({
          lastError: message.slice(0, 1000),
          runAfter: sql`now() + make_interval(secs => ${(error as RetryLaterError).seconds})`,
        })
        .where(eq(outbox.id, row.id));
      return "retrying" as const;
    }
    const giveUp = error instanceof PermanentDeliveryError || attempts >= MAX_ATTEMPTS;
    await tx
      .update(outbox)
      .set({
        status: giveUp ? "failed" : "pending",
        attempts,
        lastError: message.slice(0, 1000),
        runAfter: sql`now() + make_interval(secs => ${retryDelaySeconds(attempts)})`,
      })
      .where(eq(outbox.id, row.id));
    return giveUp ? ("failed" as const) : ("retrying" as const);
  }
}

export interface OutboxBacklog {
  pending: number;
  /** How long the oldest message still to be sent has waited; 0 when none waits. */
  oldestAgeSeconds: number;
}

/** Messages not sent yet, waiting for their first try or for a retry. */
export async function outboxBacklog(db: Database, now = new Date()): Promise<OutboxBacklog> {
  const [row] = await db
    .select({ pending: count(), oldest: min(outbox.createdAt) })
    .from(outbox)
    .where(eq(outbox.status, "pending"));
  const oldest = row?.oldest ? new Date(row.oldest) : undefined;
  return {
    pending: row?.pending ?? 0,
    oldestAgeSeconds: oldest
      ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000))
      : 0,
  };
}

/**
 * What the outbox is retrying, oldest first, and what it gave up on since `since`: for the
 * Monitoring page (given up: created since then). Payloads are left out (they only hold ids).
 */
export async function outboxRetryState(db: Database, since: Date, limit = 50) {
  const columns = {
    id: outbox.id,
    kind: outbox.kind,
    status: outbox.status,
    attempts: outbox.attempts,
    runAfter: outbox.runAfter,
    lastError: outbox.lastError,
    createdAt: outbox.createdAt,
  };
  const [pending, failed] = await Promise.all([
    db
      .select(columns)
      .from(outbox)
      .where(eq(outbox.status, "pending"))
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(limit),
    db
      .select(columns)
      .from(outbox)
      .where(and(eq(outbox.status, "failed"), gt(outbox.createdAt, since)))
      .orderBy(desc(outbox.createdAt))
      .limit(limit),
  ]);
  return { pending, failed };
}
