import { lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { usedLoginPayloads } from "@/db/schema/platform";
import { hitLimit, type Limit } from "@/lib/platform/rate-limit";
import { MAX_LOGIN_AGE_SECONDS } from "./telegram-login";

// Per address: a person retrying, an office behind one address, never a guessing run. Per
// Telegram account: nobody signs in ten times in ten minutes.
const perAddress: Limit = { max: 30, windowSeconds: 10 * 60 };
const perAccount: Limit = { max: 10, windowSeconds: 10 * 60 };

/** Thrown from a login provider: next-auth sends the person to /login?error=<message>. */
export class TooManyLoginAttempts extends Error {
  constructor(readonly retryAfter: number) {
    super("too_many_attempts");
  }
}

/**
 * The address a login came from. Behind the load balancer (ALB) X-Forwarded-For ends with the
 * address the balancer saw, and earlier entries are whatever the client claimed, so the last
 * one is taken; without a proxy Next sets it to the socket's address.
 */
export function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const list = typeof forwarded === "string" ? forwarded.split(",") : [];
  return list.at(-1)?.trim() || "unknown";
}

/**
 * Counts a login attempt against its address and, once the payload names one, its Telegram
 * account; throws TooManyLoginAttempts over either limit. Counted in the database, so every
 * app copy enforces the same limit.
 */
export async function countLoginAttempt(
  db: Database,
  attempt: { address: string; telegramId?: number },
): Promise<void> {
  const byAddress = await hitLimit(db, `login:ip:${attempt.address}`, perAddress);
  if (!byAddress.allowed) throw new TooManyLoginAttempts(byAddress.retryAfter);
  if (attempt.telegramId === undefined) return;
  const byAccount = await hitLimit(db, `login:tg:${attempt.telegramId}`, perAccount);
  if (!byAccount.allowed) throw new TooManyLoginAttempts(byAccount.retryAfter);
}

/**
 * A Login Widget payload signs in once: whoever captures it (a proxy log, a shared link)
 * cannot use it again. Payloads older than the login window are refused anyway, so their
 * marks are dropped.
 */
export async function acceptLoginPayloadOnce(db: Database, hash: string): Promise<boolean> {
  await db
    .delete(usedLoginPayloads)
    .where(
      lt(
        usedLoginPayloads.usedAt,
        sql`now() - make_interval(secs => ${MAX_LOGIN_AGE_SECONDS * 2})`,
      ),
    );
  const stored = await db
    .insert(usedLoginPayloads)
    .values({ hash })
    .onConflictDoNothing()
    .returning({ hash: usedLoginPayloads.hash });
  return stored.length === 1;
}
