import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { User } from "@/db/schema/users";
import { authOptions } from "./auth-options";
import { database } from "@/lib/platform/database";
import { addLogFields } from "@/lib/platform/request-context";
import { findUserByTelegramId } from "./users";
import { isAdmin } from "./admin-only";
import { withConfiguredRole } from "./configured-admins";
import { settings } from "@/lib/platform/env";

/**
 * The signed-in seller or admin, read fresh from the database; undefined when signed out.
 * Cached per request: the layout and the page of one render read the session once.
 */
export const currentUser = cache(async (): Promise<User | undefined> => {
  const session = (await getServerSession(await authOptions())) as { telegramId?: number } | null;
  if (!session?.telegramId) return undefined;
  const stored = await findUserByTelegramId(await database(), session.telegramId);
  // The operator's admin list decides on every request, not only at sign-in.
  const user = stored && withConfiguredRole(settings().ADMIN_TELEGRAM_IDS, stored);
  // A seller's id says whose shop a log line is about; an admin's says who acted.
  if (user) addLogFields(user.role === "seller" ? { sellerId: user.id } : { userId: user.id });
  return user;
});

/** For pages, layouts and actions: the signed-in user, or off to the login page. */
export async function requireUser(): Promise<User> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

/** For admin-only pages: anyone else finds nothing here (404), as if the page did not exist. */
export async function requireAdmin(): Promise<User> {
  const user = await requireUser();
  if (!isAdmin(user)) notFound();
  return user;
}
