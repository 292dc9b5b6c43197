import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

// Webhook answers other than "ok" and failed calls to Stripe's and Telegram's APIs, shared by
// every app copy (per-process counters would each see a fraction). Kept a few days: enough for
// the Monitoring page's 24-hour counters and the alert checks' 5-minute windows.
export const monitorEvents = pgTable(
  "monitor_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // "webhook" (detail: outcome, status, …) or "api_error" (detail: method, code, …).
    kind: text("kind").notNull(),
    // "stripe" or "telegram".
    source: text("source").notNull(),
    detail: jsonb("detail").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("monitor_events_kind_at_idx").on(t.kind, t.at)],
);

// Something an admin was alerted to, from the first failing check until it clears. At most
// one open incident per key, enforced by the database: several app copies checking at once
// cannot open (and alert about) the same problem twice.
export const incidents = pgTable(
  "incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    // The figures that crossed the threshold, for the alert text and the Monitoring page.
    detail: jsonb("detail").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("incidents_one_open_per_key")
      .on(t.key)
      .where(sql`${t.resolvedAt} IS NULL`),
    index("incidents_opened_at_idx").on(t.openedAt),
  ],
);

export type MonitorEvent = typeof monitorEvents.$inferSelect;
export type Incident = typeof incidents.$inferSelect;
