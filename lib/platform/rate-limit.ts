import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

export interface Limit {
  /** How many hits a window allows. */
  max: number;
  /** The window's length in seconds. */
  windowSeconds: number;
}

export interface Hit {
  /** The hit is within the limit. */
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  /** Seconds until the window restarts: what to tell whoever was refused. */
  retryAfter: number;
}

/**
 * Counts one hit against `key` (e.g. "login:ip:203.0.113.9") and says whether it is within
 * the limit. One statement, so app copies sharing the database count together and two hits
 * at the same moment cannot both take the last place. A fixed window is coarse at its edges
 * (up to twice the limit across a boundary), which is enough to stop floods and guessing.
 * `at` is when the hit happened, if not now.
 */
export async function hitLimit(db: Database, key: string, limit: Limit, at?: Date): Promise<Hit> {
  const window = `${limit.windowSeconds} seconds`;
  // A hit counted after the fact (a queued update, counted when it is processed) belongs to
  // the window of the moment it happened, not of the moment it is counted.
  const moment = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  const [row] = await queryRows<{ count: number; retry_after: number }>(
    db,
    sql`insert into rate_limits (key, window_start, count) values (${key}, ${moment}, 1)
        on conflict (key) do update set
          count = case when rate_limits.window_start <= ${moment} - ${window}::interval
                       then 1 else rate_limits.count + 1 end,
          window_start = case when rate_limits.window_start <= ${moment} - ${window}::interval
                              then ${moment} else rate_limits.window_start end
        returning count,
          ceil(extract(epoch from (window_start + ${window}::interval - now())))::int as retry_after`,
  );
  if (!row) throw new Error(`rate limit ${key} not counted`);
  return {
    allowed: row.count <= limit.max,
    count: row.count,
    retryAfter: Math.max(1, row.retry_after),
  };
}

/** Drops counters whose window passed long ago (run now and then; a day is plenty). */
export async function forgetOldLimits(db: Database): Promise<void> {
  await db.execute(sql`delete from rate_limits where window_start < now() - interval '1 day'`);
}
