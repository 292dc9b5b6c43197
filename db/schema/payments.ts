import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Stripe delivers at least once and out of order: an event id recorded here, in the same
// transaction as its effect, is never acted on again.
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The Monitoring page counts processed events per hour and day from here.
  (t) => [index("stripe_events_processed_at_idx").on(t.processedAt)],
);
