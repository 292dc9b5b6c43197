import {
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt } from "./columns";

export const outboxStatus = pgEnum("outbox_status", ["pending", "sent", "failed"]);

// Slow or fallible side effects (Telegram messages, PDFs), written in the same transaction as
// the state change and drained with FOR UPDATE SKIP LOCKED, so a crash loses nothing and
// several app copies never send twice.
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull(),
    // Makes enqueueing idempotent: a redelivered webhook cannot queue the same message twice.
    dedupeKey: text("dedupe_key").notNull().unique(),
    // Rows with the same key are sent one at a time, in the order they were queued (one order's
    // messages: "Payment received" before "Your invoice"), however many run side by side.
    orderingKey: text("ordering_key"),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_due_idx").on(t.status, t.runAfter),
    index("outbox_pending_order_idx")
      .on(t.orderingKey, t.id)
      .where(sql`${t.status} = 'pending'`),
  ],
);
