import { getServerSession } from "next-auth";
import type { User } from "@/db/schema";
import { authOptions } from "./auth-options";
import { database } from "./database";
import { findUserByTelegramId } from "./users";

/** The signed-in seller or admin, read fresh from the database; undefined when signed out. */
export async function currentUser(): Promise<User | undefined> {
  const session = (await getServerSession(await authOptions())) as { telegramId?: number } | null;
  if (!session?.telegramId) return undefined;
  return findUserByTelegramId(await database(), session.telegramId);
}
