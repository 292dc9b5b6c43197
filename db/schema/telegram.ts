import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { telegramId, updatedAt } from "./columns";

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
