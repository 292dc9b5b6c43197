import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNull,
  lt,
  lte,
  min,
  notExists,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { inbox } from "@/db/schema/inbox";
import { receiveTogether, type InboxItem, type InboxSource } from "./inbox-intake";

export type InboxRow = typeof inbox.$inferSelect;
export type { InboxItem, InboxSource } from "./inbox-intake";

/**
 * Stores what a webhook received: "duplicate" when the sender delivered it before (it is then
 * not stored again, whatever became of the first copy). Requests that arrive while an INSERT
 * is on its way are stored together by the next one (inbox-intake.ts).
 */
export function receive(db: Database, item: InboxItem): Promise<"stored" | "duplicate"> {
  return receiveTogether(db, item);
}

/**
 * Takes up to `limit` due rows, most urgent (then oldest) first, whose chat has no earlier
 * unfinished row, and leases them to the caller for `leaseSeconds`, in one statement. FOR UPDATE
 * SKIP LOCKED keeps two copies from taking the same row; the earlier row of a chat stays pending
 * (leased or waiting to retry) until its effect is done, which holds the chat's later rows back
 * in every copy, and in this claim too: only a chat's first unfinished row is ever due.
 */
export async function claimDue(
  db: Database,
  leaseSeconds: number,
  limit: number,
): Promise<InboxRow[]> {
  const earlier = alias(inbox, "earlier");
  const due = db
    .select({ id: inbox.id })
    .from(inbox)
    .where(
      and(
        eq(inbox.status, "pending"),
        lte(inbox.runAfter, sql`now()`),
        or(isNull(inbox.leaseUntil), lt(inbox.leaseUntil, sql`now()`)),
        notExists(
          db
            .select({ id: earlier.id })
            .from(earlier)
            .where(
              and(
                eq(earlier.orderingKey, inbox.orderingKey),
                lt(earlier.id, inbox.id),
                eq(earlier.status, "pending"),
              ),
            ),
        ),
      ),
    )
    // "nulls last" as the claim index has it (priority is never null), or PostgreSQL sorts every
    // pending row instead of walking the index and stopping at the first it may take.
    .orderBy(sql`${inbox.priority} desc nulls last`, asc(inbox.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(inbox)
    .set({
      attempts: sql`${inbox.attempts} + 1`,
      leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
    })
    .where(inArray(inbox.id, due))
    .returning();
  // RETURNING keeps no order: handed out as they were chosen.
  return rows.sort((a, b) => b.priority - a.priority || a.id - b.id);
}

/** The most urgent due row (claimDue, one row). */
export async function claimNext(db: Database, leaseSeconds: number): Promise<InboxRow | undefined> {
  const [row] = await claimDue(db, leaseSeconds, 1);
  return row;
}

// Every write below names the attempt it settles: a worker whose lease lapsed (and whose row
// another copy took over) changes nothing.
const sameAttempt = (row: InboxRow) =>
  and(eq(inbox.id, row.id), eq(inbox.attempts, row.attempts), eq(inbox.status, "pending"));

/** Keeps the lease of a row that is still being worked on. */
export async function renewLease(db: Database, row: InboxRow, leaseSeconds: number) {
  await db
    .update(inbox)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(sameAttempt(row));
}

export async function markDone(db: Database, row: InboxRow) {
  await markDoneStatement(db, row);
}

/**
 * Marks the row done when `condition` holds, as a statement for a handler to run in its
 * effect's transaction (or inside its effect's statement): the row is then done exactly when
 * the effect is.
 */
export function markDoneStatement(db: Database, row: InboxRow, condition?: SQL) {
  return db
    .update(inbox)
    .set({ status: "done", doneAt: sql`now()`, leaseUntil: null, lastError: null })
    .where(and(sameAttempt(row), condition));
}

export async function retryLater(
  db: Database,
  row: InboxRow,
  reason: string,
  delaySeconds: number,
) {
  await db
    .update(inbox)
    .set({
      leaseUntil: null,
      lastError: reason.slice(0, 1000),
      runAfter: sql`now() + make_interval(secs => ${delaySeconds})`,
    })
    .where(sameAttempt(row));
}

/** Gives up on a row: it stays, with its reason, for a person on the Monitoring page. */
export async function park(db: Database, row: InboxRow, reason: string) {
  await db
    .update(inbox)
    .set({ status: "parked", leaseUntil: null, lastError: reason.slice(0, 1000) })
    .where(sameAttempt(row));
}

// Telegram redelivers for a day and Stripe for three: a processed row is kept a little longer
// than that, so a late redelivery is still recognised.
const KEEP_DONE_DAYS = 4;

export async function pruneInbox(db: Database) {
  const removed = await db
    .delete(inbox)
    .where(
      and(
        eq(inbox.status, "done"),
        lt(inbox.receivedAt, sql`now() - make_interval(days => ${KEEP_DONE_DAYS})`),
      ),
    )
    .returning({ id: inbox.id });
  return removed.length;
}

export interface InboxTally {
  hour: number;
  day: number;
}

/** What each webhook received per hour and day (every stored row was answered 200). */
export async function inboxReceived(db: Database, now = new Date()) {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const dayAgo = new Date(now.getTime() - 24 * 3_600_000);
  const rows = await db
    .select({
      source: inbox.source,
      hour: sql<number>`count(*) filter (where ${inbox.receivedAt} > ${hourAgo.toISOString()}::timestamptz)`.mapWith(
        Number,
      ),
      day: sql<number>`count(*)`.mapWith(Number),
    })
    .from(inbox)
    .where(gt(inbox.receivedAt, dayAgo))
    .groupBy(inbox.source);
  const of = (source: InboxSource): InboxTally => {
    const row = rows.find((r) => r.source === source);
    return { hour: row?.hour ?? 0, day: row?.day ?? 0 };
  };
  return { stripe: of("stripe"), telegram: of("telegram") };
}

/**
 * What waits in the inbox (count, oldest age) and what it gave up on since `since`, newest
 * first: for the Monitoring page. Payloads are left out (they hold buyers' messages).
 */
export async function inboxState(db: Database, since: Date, now = new Date(), limit = 50) {
  const [[waiting], parked] = await Promise.all([
    db
      .select({ pending: count(), oldest: min(inbox.receivedAt) })
      .from(inbox)
      .where(eq(inbox.status, "pending")),
    db
      .select({
        id: inbox.id,
        source: inbox.source,
        externalId: inbox.externalId,
        attempts: inbox.attempts,
        lastError: inbox.lastError,
        receivedAt: inbox.receivedAt,
      })
      .from(inbox)
      .where(and(eq(inbox.status, "parked"), gt(inbox.receivedAt, since)))
      .orderBy(desc(inbox.receivedAt))
      .limit(limit),
  ]);
  const oldest = waiting?.oldest ? new Date(waiting.oldest) : undefined;
  return {
    pending: waiting?.pending ?? 0,
    oldestAgeSeconds: oldest
      ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000))
      : 0,
    parked,
  };
}
