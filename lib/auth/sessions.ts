import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessions, users, type User } from "@/db/schema/users";
import { isUuid } from "@/lib/platform/uuid";
import { roleUnderAdminList } from "./configured-admins";

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

/**
 * How long a session lasts without use (idle) and at most (absolute). An admin can refund,
 * deploy and invite, so a forgotten admin session ends the same day; a seller's lasts a week
 * unused, as Shopify and Stripe keep theirs.
 */
export const sessionLifetime: Record<
  User["role"],
  { idleSeconds: number; absoluteSeconds: number }
> = {
  admin: { idleSeconds: 12 * HOUR, absoluteSeconds: 7 * DAY },
  seller: { idleSeconds: 7 * DAY, absoluteSeconds: 30 * DAY },
};

// Using a session moves its idle clock; writing that on every request would double the
// writes of a dashboard page, so the clock moves at most once a minute.
const TOUCH_EVERY_SECONDS = 60;

/** Records a sign-in; the returned id goes into the session cookie. */
export async function startSession(
  db: Database,
  user: Pick<User, "id" | "role">,
  options: { sandbox: boolean },
): Promise<string> {
  const [row] = await db
    .insert(sessions)
    .values({ userId: user.id, role: user.role, sandbox: options.sandbox })
    .returning({ id: sessions.id });
  if (!row) throw new Error("session not stored");
  return row.id;
}

export interface SessionRules {
  adminTelegramIds: readonly number[];
  /** A live shop takes no session made while it was a sandbox. */
  sandbox: boolean;
}

/**
 * The user behind a session cookie's id, or undefined when the session has ended: signed out,
 * revoked, idle or too old, the user disabled, made in the sandbox of a shop now live, or the
 * user's role changed since sign-in (that ends the session too, so new rights need a new
 * sign-in and lost rights are lost at once). The user comes with the role the admin list gives.
 */
export async function userOfSession(
  db: Database,
  sessionId: string,
  rules: SessionRules,
): Promise<User | undefined> {
  if (!isUuid(sessionId)) return undefined;
  const [found] = await db
    .select({
      session: sessions,
      user: users,
      idleSeconds: sql<number>`extract(epoch from now() - ${sessions.lastSeenAt})::float8`,
      ageSeconds: sql<number>`extract(epoch from now() - ${sessions.createdAt})::float8`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  if (!found) return undefined;
  const { session, user, idleSeconds, ageSeconds } = found;
  const role = roleUnderAdminList(rules.adminTelegramIds, user);
  const lifetime = sessionLifetime[session.role];
  const ended =
    user.disabledAt !== null ||
    (session.sandbox && !rules.sandbox) ||
    role !== session.role ||
    idleSeconds > lifetime.idleSeconds ||
    ageSeconds > lifetime.absoluteSeconds;
  if (ended) {
    await endSession(db, session.id);
    return undefined;
  }
  if (idleSeconds > TOUCH_EVERY_SECONDS) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, session.id));
  }
  return role === user.role ? user : { ...user, role };
}

/** Sign-out: this session's cookie is worthless from now on. */
export async function endSession(db: Database, sessionId: string): Promise<void> {
  if (!isUuid(sessionId)) return;
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** "Sign out everywhere": every session of one user ends. Returns how many did. */
export async function endSessionsOf(db: Database, userId: string): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

/** An admin's "sign out every user": every session ends, the admin's own included. */
export async function endEverySession(db: Database): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(isNull(sessions.revokedAt))
    .returning({ id: sessions.id });
  return ended.length;
}

/** The sessions of a user that still let someone in, newest use first (for Settings). */
export async function openSessionsOf(db: Database, userId: string) {
  const rows = await db.query.sessions.findMany({
    where: and(eq(sessions.userId, userId), isNull(sessions.revokedAt)),
    orderBy: (table, { desc }) => [desc(table.lastSeenAt)],
  });
  const now = Date.now();
  return rows.filter(({ role, createdAt, lastSeenAt }) => {
    const { idleSeconds, absoluteSeconds } = sessionLifetime[role];
    return (
      now - lastSeenAt.getTime() <= idleSeconds * 1000 &&
      now - createdAt.getTime() <= absoluteSeconds * 1000
    );
  });
}
