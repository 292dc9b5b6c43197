import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { updatedAt } from "./columns";

// State of the buyers' dialogs (grammY conversations), so a restart or another app copy can
// continue a dialog mid-way.
export const botConversations = pgTable("bot_conversations", {
  key: text("key").primaryKey(),
  state: jsonb("state").notNull(),
  updatedAt: updatedAt(),
});

// When the bot may next send (key "bot", Telegram's ~30 messages a second) and when to each
// chat ("chat:<id>", one a second; a group or channel twenty a minute): shared by every app
// copy, so several copies together stay inside the limits Telegram sets per bot.
export const telegramSendPace = pgTable("telegram_send_pace", {
  key: text("key").primaryKey(),
  nextAt: timestamp("next_at", { withTimezone: true }).notNull(),
});
