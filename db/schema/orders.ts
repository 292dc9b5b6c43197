import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { telegramId, createdAt, updatedAt } from "./columns";
import { currency, products } from "./catalog";
import { posts } from "./channels";
import { users } from "./users";

export const orderStatuses = [
  "pending_payment",
  "paid",
  "shipped",
  "delivered",
  "cancelled",
  "refunded",
  "expired",
  "payment_failed",
] as const;
export const orderStatus = pgEnum("order_status", orderStatuses);

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // One series across all shops, from 1001. It was the number people quoted until each shop
    // got its own; it stays unique, and orders from then keep it as their shop number.
    number: bigint("number", { mode: "number" })
      .notNull()
      .generatedAlwaysAsIdentity({ startWith: 1001 }),
    // The number buyers and sellers quote: each shop's orders run 1, 2, 3… (lib/orders/
    // shop-order-number.ts); the uuid never leaves the system.
    shopNumber: bigint("shop_number", { mode: "number" }).notNull(),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    postId: uuid("post_id").references(() => posts.id),
    buyerTelegramId: telegramId("buyer_telegram_id").notNull(),
    buyerLanguage: text("buyer_language").notNull().default("en"),
    contactName: text("contact_name").notNull(),
    email: text("email").notNull(),
    addressStreet: text("address_street").notNull(),
    addressPostcode: text("address_postcode").notNull(),
    addressCity: text("address_city").notNull(),
    addressCountry: text("address_country").notNull(),
    // Snapshot at order time: later edits of the product never change what was bought.
    productTitle: text("product_title").notNull(),
    quantity: integer("quantity").notNull(),
    currency: currency("currency").notNull(),
    unitAmountMinor: integer("unit_amount_minor").notNull(),
    totalAmountMinor: integer("total_amount_minor").notNull(),
    status: orderStatus("status").notNull().default("pending_payment"),
    // One per buyer's dialog: a second tap on Confirm finds this order instead of making another.
    checkoutKey: text("checkout_key").notNull().unique(),
    // Part of Stripe's idempotency key. Bumped when an expired order gets a fresh payment link,
    // or when Stripe will not take the current key again (lib/checkout/checkout-attempt.ts).
    checkoutAttempt: integer("checkout_attempt").notNull().default(1),
    stripeCheckoutSessionId: text("stripe_checkout_session_id").unique(),
    stripeCheckoutUrl: text("stripe_checkout_url"),
    // The current attempt's expires_at, fixed when the attempt is taken so that every send of its
    // key carries the same parameters; then the session's, which is the same.
    checkoutExpiresAt: timestamp("checkout_expires_at", { withTimezone: true }),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    // The buyer's message with the Pay button for the current link: its button is taken away
    // once the order is paid or the link has ended, so a used link is not offered any more.
    paymentMessageId: bigint("payment_message_id", { mode: "number" }),
    trackingNumber: text("tracking_number"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("orders_number_key").on(t.number),
    uniqueIndex("orders_seller_shop_number_key").on(t.sellerId, t.shopNumber),
    index("orders_seller_created_idx").on(t.sellerId, t.createdAt),
    index("orders_buyer_created_idx").on(t.buyerTelegramId, t.createdAt),
    index("orders_payment_intent_idx").on(t.stripePaymentIntentId),
    check("orders_quantity_positive", sql`${t.quantity} > 0`),
    check(
      "orders_amounts_nonnegative",
      sql`${t.unitAmountMinor} >= 0 AND ${t.totalAmountMinor} >= 0`,
    ),
  ],
);

// The last shop number each seller's orders took. The next is taken by an upsert of this row in
// the order's own transaction, which holds the row lock until it commits: two buyers of one
// shop never get the same number (a rollback gives it back). Unlike invoices, the series need
// not look gapless: an order that expires unpaid keeps its number, and the seller's list does
// not show it.
export const orderCounters = pgTable("order_counters", {
  sellerId: uuid("seller_id")
    .primaryKey()
    .references(() => users.id),
  lastNumber: bigint("last_number", { mode: "number" }).notNull(),
});

export const actorKind = pgEnum("actor_kind", ["buyer", "seller", "admin", "stripe", "system"]);

// Every status change of an order: who, when, from → to. The order's timeline.
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    fromStatus: orderStatus("from_status"),
    toStatus: orderStatus("to_status").notNull(),
    actorKind: actorKind("actor_kind").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [index("order_events_order_id_idx").on(t.orderId, t.createdAt)],
);

export type Order = typeof orders.$inferSelect;
export type OrderStatus = (typeof orderStatuses)[number];
