import { getServerSession } from "next-auth";
import type { User } from "@/db/schema/users";
import { authOptions } from "./auth-options";
import { database } from "@/lib/platform/database";
import { addLogFields } from "@/lib/platform/request-context";
import { findUserByTelegramId } from "./users";

/** The signed-in seller or admin, read fresh from the database; undefined when signed out. */
export async function currentUser(): Promise<User | undefined> {
  const session = (await getServerSession(await authOptions())) as { telegramId?: number } | null;
  if (!session?.telegramId) return undefined;
  const user = await findUserByTelegramId(await database(), session.telegramId);
  // A seller's id says whose shop a log line is about; an admin's says who acted.
  if (user) addLogFields(user.role === "seller" ? { sellerId: user.id } : { userId: user.id });
  return user;
}
