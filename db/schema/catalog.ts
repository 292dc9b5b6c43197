import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, telegramId, updatedAt } from "./columns";
import { users } from "./users";

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
    // What Telegram answered for the photo's first upload, sent instead of the bytes from then
    // on. A file_id is valid only for the bot that got it, so the bot's id is kept beside it;
    // both are cleared when the photo is replaced.
    photoFileId: text("photo_file_id"),
    photoFileBotId: telegramId("photo_file_bot_id"),
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
    check(
      "products_photo_file_id_has_bot",
      sql`(${t.photoFileId} IS NULL) = (${t.photoFileBotId} IS NULL)`,
    ),
  ],
);

export type Product = typeof products.$inferSelect;
export type Currency = (typeof currencies)[number];
