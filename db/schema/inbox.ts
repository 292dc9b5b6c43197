import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt } from "./columns";

export const inboxStatus = pgEnum("inbox_status", ["pending", "done", "parked"]);

// What Telegram and Stripe sent us, stored by the webhook in one INSERT before it answers 200
// and processed afterwards by a worker in any app copy. The unique (source, external id) makes
// a redelivery a no-op; a row stays pending until its effect is done, so a crash or a database
// outage mid-way leaves it to be tried again instead of losing it.
export const inbox = pgTable(
  "inbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** "telegram" or "stripe". */
    source: text("source").notNull(),
    /** Telegram's update_id or Stripe's event id. */
    externalId: text("external_id").notNull(),
    // Rows with the same key are processed one at a time, in arrival order (one chat's
    // updates); null means no order to keep.
    orderingKey: text("ordering_key"),
    payload: jsonb("payload").notNull(),
    // Higher first: a buyer's next step in a started checkout goes before a new product card
    // when a promotion floods the bot (see lib/telegram/update-chat.ts).
    priority: smallint("priority").notNull().default(0),
    status: inboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    // Held by the worker processing the row and renewed while it works: a copy that dies
    // lets it lapse, and another copy takes the row over.
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastError: text("last_error"),
    receivedAt: createdAt(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("inbox_source_external_id_key").on(t.source, t.externalId),
    index("inbox_due_idx").on(t.status, t.runAfter),
    // The claim walks pending rows in the order it takes them and stops at the first it may.
    index("inbox_pending_claim_idx")
      .on(t.priority.desc(), t.id)
      .where(sql`${t.status} = 'pending'`),
    // "Is an earlier row of this chat unfinished?" is asked for every claim.
    index("inbox_pending_order_idx")
      .on(t.orderingKey, t.id)
      .where(sql`${t.status} = 'pending'`),
    // The Monitoring page counts received rows per hour and day, and old rows are pruned.
    index("inbox_received_at_idx").on(t.receivedAt),
  ],
);

// The messages an inbox row's processing has sent, in call order: when a row is processed again
// (its copy died after sending but before marking it done), a message already sent is not sent
// twice — the Bot API has no idempotency key of its own. Dropped with its row.
export const inboxReplies = pgTable(
  "inbox_replies",
  {
    inboxId: bigint("inbox_id", { mode: "number" })
      .notNull()
      .references(() => inbox.id, { onDelete: "cascade" }),
    /** The n-th message this row's processing sent (1, 2, …). */
    seq: integer("seq").notNull(),
    /** What Telegram answered (the Message), handed back instead of sending again. */
    result: jsonb("result").notNull(),
  },
  (t) => [primaryKey({ columns: [t.inboxId, t.seq] })],
);
