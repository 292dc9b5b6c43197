import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema/users";

/** The seller or admin behind a Telegram account (sessions and the bot know people by it). */
export async function findUserByTelegramId(db: Database, telegramId: number) {
  return db.query.users.findFirst({ where: eq(users.telegramId, telegramId) });
}
