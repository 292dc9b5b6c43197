import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { inbox } from "@/db/schema/inbox";
import { storableJson } from "@/lib/platform/storable-text";

export type InboxSource = "telegram" | "stripe";

export interface InboxItem {
  source: InboxSource;
  externalId: string;
  /** Items with the same key are processed one at a time, oldest first (one chat's updates). */
  orderingKey: string | null;
  /** Higher is processed first (default 0); one chat's rows still go in arrival order. */
  priority?: number;
  payload: unknown;
  /**
   * The payload as the JSON text it arrived in, when the caller has it: stored as it is
   * rather than serialised again from `payload`, which it must be the parse of.
   */
  payloadJson?: string;
}

type Stored = "stored" | "duplicate";

interface Waiting {
  item: InboxItem;
  resolve: (stored: Stored) => void;
  reject: (error: unknown) => void;
}

// Enough to take a flood's requests in a few statements, small enough for one quick INSERT.
const MOST_PER_INSERT = 100;

const intakes = new WeakMap<Database, { waiting: Waiting[]; inserting: boolean }>();

/**
 * Stores webhook items a statement at a time: an item that arrives while an INSERT is on its
 * way waits for it and goes with the others that came meanwhile in the next (a group commit).
 * A lone request is stored at once, as before; under a flood one INSERT answers dozens of
 * requests, which spares the database and the driver a statement each. Each caller still
 * hears only when its own item is stored (or failed), so a 200 still means "stored".
 */
export function receiveTogether(db: Database, item: InboxItem): Promise<Stored> {
  let intake = intakes.get(db);
  if (!intake) intakes.set(db, (intake = { waiting: [], inserting: false }));
  const queue = intake;
  return new Promise<Stored>((resolve, reject) => {
    queue.waiting.push({ item, resolve, reject });
    if (!queue.inserting) void insertWaiting(db, queue);
  });
}

async function insertWaiting(db: Database, queue: { waiting: Waiting[]; inserting: boolean }) {
  queue.inserting = true;
  try {
    while (queue.waiting.length > 0) {
      await insertGroup(db, queue.waiting.splice(0, MOST_PER_INSERT));
    }
  } finally {
    queue.inserting = false;
  }
}

async function insertGroup(db: Database, group: Waiting[]) {
  let stored: Set<string>;
  try {
    stored = await insertInboxRows(
      db,
      group.map((waiting) => waiting.item),
    );
  } catch (error) {
    if (group.length === 1) return group[0]!.reject(error);
    // One item the database refuses must not fail the others with it: each goes on its own.
    for (const waiting of group) await insertGroup(db, [waiting]);
    return;
  }
  // The same item twice in one group (a redelivery that overtook the first): stored once.
  const answered = new Set<string>();
  for (const { item, resolve } of group) {
    const key = `${item.source}:${item.externalId}`;
    resolve(stored.has(key) && !answered.has(key) ? "stored" : "duplicate");
    answered.add(key);
  }
}

/**
 * Inserts the items in one statement and returns the keys (`source:externalId`) it stored;
 * an item already there is skipped. Plain SQL, with each payload cast from its JSON text: this
 * runs for every webhook request, and the query builder and a second serialisation of the
 * payload were a measurable part of answering one.
 */
export async function insertInboxRows(db: Database, items: readonly InboxItem[]) {
  // A NUL in a message (anyone can send one to the bot) would fail the INSERT, and the sender
  // would deliver the same update again and again: it is stored as U+FFFD instead.
  const values = items.map(
    (item) =>
      sql`(${item.source}, ${item.externalId}, ${item.orderingKey}, ${item.priority ?? 0},
        ${storableJson(item.payloadJson ?? JSON.stringify(item.payload))}::jsonb)`,
  );
  const stored = await queryRows<{ source: string; external_id: string }>(
    db,
    sql`insert into ${inbox} (source, external_id, ordering_key, priority, payload)
        values ${sql.join(values, sql`, `)}
        on conflict (source, external_id) do nothing
        returning source, external_id`,
  );
  return new Set(stored.map((row) => `${row.source}:${row.external_id}`));
}
