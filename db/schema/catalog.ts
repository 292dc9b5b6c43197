import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
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

/** A product's gallery holds the cover (products.photo_key) and at most this many photos in all. */
export const MAX_PRODUCT_PHOTOS = 10;

/**
 * The gallery's photos after the cover, in order (position 1 is the second photo). The cover
 * stays in products.photo_key: the channel post, the list, the preview and the API show that
 * one photo, and reordering moves keys (with their file_ids) between the two places.
 */
export const productPhotos = pgTable(
  "product_photos",
  {
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    photoKey: text("photo_key").notNull(),
    // As products.photo_file_id: Telegram's id for this photo, valid for that bot alone.
    photoFileId: text("photo_file_id"),
    photoFileBotId: telegramId("photo_file_bot_id"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.position] }),
    check(
      "product_photos_position_range",
      sql`${t.position} BETWEEN 1 AND ${sql.raw(String(MAX_PRODUCT_PHOTOS - 1))}`,
    ),
    check(
      "product_photos_file_id_has_bot",
      sql`(${t.photoFileId} IS NULL) = (${t.photoFileBotId} IS NULL)`,
    ),
  ],
);

export type Product = typeof products.$inferSelect;
export type ProductPhoto = typeof productPhotos.$inferSelect;
export type Currency = (typeof currencies)[number];
