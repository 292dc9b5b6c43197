import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { User } from "@/db/schema/users";
import { authOptions } from "./auth-options";
import { database } from "@/lib/platform/database";
import { addLogFields } from "@/lib/platform/request-context";
import { isAdmin } from "./admin-only";
import { endSession, userOfSession } from "./sessions";
import { isSandbox, settings } from "@/lib/platform/env";

/**
 * The signed-in seller or admin, read fresh from the database; undefined when signed out.
 * Cached per request: the layout and the page of one render read the session once.
 */
export const currentUser = cache(async (): Promise<User | undefined> => {
  const sessionId = await currentSessionId();
  if (!sessionId) return undefined;
  // The session's row decides (ended, idle, too old, role changed); the operator's admin list
  // decides the role on every request, not only at sign-in.
  const config = settings();
  const user = await userOfSession(await database(), sessionId, {
    adminTelegramIds: config.ADMIN_TELEGRAM_IDS,
    sandbox: isSandbox(config),
  });
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

/** Sign-out: the session's row ends, so the cookie is worthless even where a copy of it lives on. */
export async function endCurrentSession(): Promise<void> {
  const sessionId = await currentSessionId();
  if (sessionId) await endSession(await database(), sessionId);
}

async function currentSessionId(): Promise<string | undefined> {
  const session = (await getServerSession(await authOptions())) as { sessionId?: unknown } | null;
  return typeof session?.sessionId === "string" ? session.sessionId : undefined;
}
