import { boolean, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { telegramId, createdAt, updatedAt } from "./columns";

export const userRole = pgEnum("user_role", ["admin", "seller"]);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  telegramId: telegramId("telegram_id").notNull().unique(),
  name: text("name").notNull(),
  username: text("username"),
  photoUrl: text("photo_url"),
  role: userRole("role").notNull().default("seller"),
  language: text("language").notNull().default("en"),
  // IANA name (Europe/Berlin) for the dashboard's dates and days. Null until the browser
  // reports its own on the first dashboard visit; then changed only in Settings.
  timeZone: text("time_zone"),
  // Set when the user /start-ed the bot: before that Telegram refuses to deliver our messages.
  botStartedAt: timestamp("bot_started_at", { withTimezone: true }),
  // Set when a notification failed with 403 (never started / blocked the bot).
  notificationsBlockedAt: timestamp("notifications_blocked_at", { withTimezone: true }),
  // Set for the sandbox's test accounts once the shop goes live: they can no longer sign in
  // and their sessions end (their demo data stays, so nothing that refers to them breaks).
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// One row per sign-in. The session cookie names its row, and every request checks it: signing
// out, a role change or "sign out everywhere" revoke the row and the cookie is worthless at once.
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The role the user had at sign-in: a session does not outlive a change of role.
    role: userRole("role").notNull(),
    // Made while Telegram and Stripe were simulated: ended when the shop goes live.
    sandbox: boolean("sandbox").notNull().default(false),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
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

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
