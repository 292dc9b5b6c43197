import { bigint, timestamp } from "drizzle-orm/pg-core";

// Telegram ids exceed 2^31 (channel ids are -100… 13-digit numbers) but fit a JS number
// exactly (< 2^53), so "number" mode keeps them readable without BigInt plumbing.
export const telegramId = (name: string) => bigint(name, { mode: "number" });
export const createdAt = () =>
  timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
