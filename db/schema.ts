import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

// Telegram ids exceed 2^31 (channel ids are -100… 13-digit numbers) but fit a JS number
// exactly (< 2^53), so "number" mode keeps them readable without BigInt plumbing.
const telegramId = (name: string) => bigint(name, { mode: "number" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const userRole = pgEnum("user_role", ["admin", "seller"]);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  telegramId: telegramId("telegram_id").notNull().unique(),
  name: text("name").notNull(),
  username: text("username"),
  photoUrl: text("photo_url"),
  role: userRole("role").notNull().default("seller"),
  language: text("language").notNull().default("en"),
  // Set when the user /start-ed the bot: before that Telegram refuses to deliver our messages.
  botStartedAt: timestamp("bot_started_at", { withTimezone: true }),
  // Set when a notification failed with 403 (never started / blocked the bot).
  notificationsBlockedAt: timestamp("notifications_blocked_at", { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const channels = pgTable(
  "channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    telegramChatId: telegramId("telegram_chat_id").notNull(),
    username: text("username"),
    title: text("title").notNull(),
    botCanPost: boolean("bot_can_post").notNull().default(false),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  // A Telegram channel is one shop: two sellers cannot both claim it.
  (t) => [uniqueIndex("channels_telegram_chat_id_key").on(t.telegramChatId)],
);

export const currencies = ["EUR", "CHF", "USD", "GBP"] as const;
export const currency = pgEnum("currency", currencies);

export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    photoKey: text("photo_key"),
    // Money is integer minor units (cents) plus an ISO currency: never floats.
    priceMinor: integer("price_minor").notNull(),
    currency: currency("currency").notNull().default("EUR"),
    // null means unlimited; otherwise what is left to sell, reservations already taken off.
    stock: integer("stock"),
    // Opaque key of the t.me/<bot>?start=<payload> deep link (≤ 64 chars of [A-Za-z0-9_-]).
    deepLinkPayload: text("deep_link_payload").notNull().unique(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("products_seller_id_idx").on(t.sellerId),
    check("products_price_minor_nonnegative", sql`${t.priceMinor} >= 0`),
    check("products_stock_nonnegative", sql`${t.stock} IS NULL OR ${t.stock} >= 0`),
    check("products_deep_link_payload_format", sql`${t.deepLinkPayload} ~ '^[A-Za-z0-9_-]{1,64}$'`),
  ],
);

export const postStatus = pgEnum("post_status", ["posted", "sold_out", "deleted"]);

// A product published to a channel: the message we may later edit to "Sold out" or delete.
export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    telegramChatId: telegramId("telegram_chat_id").notNull(),
    telegramMessageId: integer("telegram_message_id").notNull(),
    // This post's own deep link, so the funnel can tell which post a buyer came from.
    deepLinkPayload: text("deep_link_payload").unique(),
    status: postStatus("status").notNull().default("posted"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("posts_chat_message_key").on(t.telegramChatId, t.telegramMessageId),
    index("posts_product_id_idx").on(t.productId),
  ],
);

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
    // The number buyers and sellers quote (from 1001, so a first shop does not look empty);
    // the uuid never leaves the system.
    number: bigint("number", { mode: "number" })
      .notNull()
      .generatedAlwaysAsIdentity({ startWith: 1001 }),
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
    // Bumped when an expired order gets a fresh payment link: part of Stripe's idempotency key.
    checkoutAttempt: integer("checkout_attempt").notNull().default(1),
    stripeCheckoutSessionId: text("stripe_checkout_session_id").unique(),
    stripeCheckoutUrl: text("stripe_checkout_url"),
    checkoutExpiresAt: timestamp("checkout_expires_at", { withTimezone: true }),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    trackingNumber: text("tracking_number"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("orders_number_key").on(t.number),
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

// Same guarantee for Telegram, which redelivers an update until we answer 2xx.
export const telegramUpdates = pgTable(
  "telegram_updates",
  {
    updateId: telegramId("update_id").primaryKey(),
    processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The Monitoring page counts answered updates per hour and day from here.
  (t) => [index("telegram_updates_processed_at_idx").on(t.processedAt)],
);

// State of the buyers' dialogs (grammY conversations), so a restart or another app copy can
// continue a dialog mid-way.
export const botConversations = pgTable("bot_conversations", {
  key: text("key").primaryKey(),
  state: jsonb("state").notNull(),
  updatedAt: updatedAt(),
});

// Every /start with a product's deep link: the first step of the per-post sales funnel.
export const deepLinkStarts = pgTable(
  "deep_link_starts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    postId: uuid("post_id").references(() => posts.id),
    buyerTelegramId: telegramId("buyer_telegram_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("deep_link_starts_product_idx").on(t.productId, t.createdAt)],
);

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
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.runAfter)],
);

export const deploymentStatus = pgEnum("deployment_status", [
  "in_progress",
  "completed",
  "failed",
  "rolled_back",
]);

export const deployments = pgTable(
  "deployments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestedBy: uuid("requested_by").references(() => users.id),
    fromImage: text("from_image"),
    toImage: text("to_image").notNull(),
    taskDefinitionArn: text("task_definition_arn"),
    status: deploymentStatus("status").notNull().default("in_progress"),
    detail: jsonb("detail"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  // At most one rollout at a time, enforced by the database rather than by a check-then-act.
  (t) => [
    uniqueIndex("deployments_one_in_progress")
      .on(t.status)
      .where(sql`${t.status} = 'in_progress'`),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: jsonb("data"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt)],
);

// Sellers join a shop only through an invite an admin created: no open sign-up. Only the
// token's hash is stored, so a database leak does not hand out working invites.
export const invites = pgTable("invites", {
  id: uuid("id").primaryKey().defaultRandom(),
  tokenHash: text("token_hash").notNull().unique(),
  role: userRole("role").notNull().default("seller"),
  createdBy: uuid("created_by")
    .notNull()
    .references(() => users.id),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedBy: uuid("used_by").references(() => users.id),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: createdAt(),
});

// Bearer tokens for the products API, created by a seller in Settings; hashed like invites.
export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  sellerId: uuid("seller_id")
    .notNull()
    .references(() => users.id),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  createdAt: createdAt(),
});

// Values the app generates for itself on first start and every copy must share (e.g. the
// session signing secret when AUTH_SECRET is not set).
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
});

export const vatModes = ["standard", "small_business"] as const;
export const vatMode = pgEnum("vat_mode", vatModes);

// Who the seller is on their invoices. Prices are gross (what the buyer pays); the VAT in them
// is worked out from the rate, or not shown at all for small businesses (§ 19 UStG).
export const sellerBusinesses = pgTable(
  "seller_businesses",
  {
    sellerId: uuid("seller_id")
      .primaryKey()
      .references(() => users.id),
    legalName: text("legal_name").notNull(),
    // Street, postcode and city, country: as printed, one line each.
    address: text("address").notNull(),
    vatId: text("vat_id"),
    vatMode: vatMode("vat_mode").notNull().default("standard"),
    // Basis points: 1900 = 19 %.
    vatRateBasisPoints: integer("vat_rate_bp").notNull().default(1900),
    updatedAt: updatedAt(),
  },
  (t) => [check("seller_businesses_vat_rate", sql`${t.vatRateBasisPoints} between 0 and 10000`)],
);

// Each seller's invoice numbers run 1, 2, 3… with no gaps and no duplicates: the next number
// is taken by an UPDATE of this row in the invoice's own transaction, which holds the row
// lock until it commits (a rollback gives the number back).
export const invoiceCounters = pgTable("invoice_counters", {
  sellerId: uuid("seller_id")
    .primaryKey()
    .references(() => users.id),
  lastNumber: integer("last_number").notNull(),
});

export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .unique()
      .references(() => orders.id),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    number: integer("number").notNull(),
    language: text("language").notNull(),
    storageKey: text("storage_key").notNull(),
    vatMode: vatMode("vat_mode").notNull(),
    vatRateBasisPoints: integer("vat_rate_bp").notNull(),
    netAmountMinor: integer("net_amount_minor").notNull(),
    vatAmountMinor: integer("vat_amount_minor").notNull(),
    totalAmountMinor: integer("total_amount_minor").notNull(),
    currency: currency("currency").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("invoices_seller_number_key").on(t.sellerId, t.number)],
);

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

export type User = typeof users.$inferSelect;
export type Channel = typeof channels.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Post = typeof posts.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type OrderStatus = (typeof orderStatuses)[number];
export type Currency = (typeof currencies)[number];
export type SellerBusiness = typeof sellerBusinesses.$inferSelect;
export type Invoice = typeof invoices.$inferSelect;
export type VatMode = (typeof vatModes)[number];
export type MonitorEvent = typeof monitorEvents.$inferSelect;
export type Incident = typeof incidents.$inferSelect;
