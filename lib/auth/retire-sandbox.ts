import { and, inArray, isNull, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessions, users } from "@/db/schema/users";
import { sandboxUsers } from "./sandbox-users";

/**
 * Going live: the sandbox's test accounts are disabled (their demo data stays, so nothing that
 * refers to them breaks) and every session made in the sandbox ends, so no "Test Admin" cookie
 * keeps its rights in a live shop. Runs at every live start; after the first it finds nothing.
 */
export async function retireSandbox(db: Database): Promise<{ accounts: number; sessions: number }> {
  const testIds = Object.values(sandboxUsers).map((user) => user.telegramId);
  const accounts = await db
    .update(users)
    .set({ disabledAt: new Date() })
    .where(and(inArray(users.telegramId, testIds), isNull(users.disabledAt)))
    .returning({ id: users.id });
  const testAccounts = db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.telegramId, testIds));
  const ended = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(isNull(sessions.revokedAt), or(sessions.sandbox, inArray(sessions.userId, testAccounts))),
    )
    .returning({ id: sessions.id });
  return { accounts: accounts.length, sessions: ended.length };
}
