import {
  bigint,
  bigserial,
  boolean,
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
import { products } from "./catalog";
import { users } from "./users";

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
    // Set when the seller disconnects it: the row stays, because its posts (and through them
    // orders and the sales funnel) point at it; a disconnected channel is offered for nothing.
    disconnectedAt: timestamp("disconnected_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  // A Telegram channel is one shop: two sellers cannot both claim it.
  (t) => [uniqueIndex("channels_telegram_chat_id_key").on(t.telegramChatId)],
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
    // The /start update it came from: an update processed again (its reply failed and the
    // inbox retries it) counts once. Null for rows from before it was kept.
    updateId: bigint("update_id", { mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("deep_link_starts_product_idx").on(t.productId, t.createdAt),
    uniqueIndex("deep_link_starts_update_id_key").on(t.updateId),
  ],
);

export type Channel = typeof channels.$inferSelect;
export type Post = typeof posts.$inferSelect;
