import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { orders } from "./orders";

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

// Every Checkout Session we opened, and for which order. A payment counts for an order only
// through one of its own sessions: client_reference_id and metadata can be set by anything
// else on the same Stripe account. Kept after the order moves on to a newer session (a fresh
// payment link), since the buyer may have paid the older one just before it expired.
export const checkoutSessions = pgTable(
  "checkout_sessions",
  {
    id: text("id").primaryKey(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    attempt: integer("attempt").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("checkout_sessions_order_id_idx").on(t.orderId)],
);
