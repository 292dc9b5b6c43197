import { jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { updatedAt } from "./columns";

// State of the buyers' dialogs (grammY conversations), so a restart or another app copy can
// continue a dialog mid-way.
export const botConversations = pgTable("bot_conversations", {
  key: text("key").primaryKey(),
  state: jsonb("state").notNull(),
  updatedAt: updatedAt(),
});
