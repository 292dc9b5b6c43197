import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { queryRows, type Database, type DatabaseConnection } from "./client";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

// Any fixed 64-bit number, the same in every copy of the app: whoever holds it migrates,
// the others wait and then find nothing left to do.
const MIGRATION_LOCK_KEY = 7_246_011_357;

// Drizzle's migrator keeps its journal here for every driver.
const journal = sql`drizzle.__drizzle_migrations`;

/**
 * Applies pending migrations under a Postgres advisory lock, so several containers starting
 * at once cannot run the same migration twice. Returns how many were applied.
 */
export async function migrateWithLock(connection: DatabaseConnection): Promise<number> {
  return connection.withSession(async (db) => {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      const before = await appliedCount(db);
      await runMigrator(connection.driver, db);
      return (await appliedCount(db)) - before;
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}

async function runMigrator(driver: DatabaseConnection["driver"], db: Database): Promise<void> {
  const config = { migrationsFolder };
  // Each driver has its own migrator entry point; all read the same folder and journal.
  if (driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, config);
  } else if (driver === "neon") {
    const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
    await migrate(db as never, config);
  } else {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    await migrate(db as never, config);
  }
}

async function appliedCount(db: Database): Promise<number> {
  const [table] = await queryRows<{ exists: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`,
  );
  if (!table?.exists) return 0;
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from ${journal}`,
  );
  return row?.count ?? 0;
}

export interface MigrationStatus {
  applied: number;
  expected: number;
  current: boolean;
}

/** Whether the database has every migration this build ships (readiness). */
export async function migrationStatus(db: Database): Promise<MigrationStatus> {
  const shipped = readMigrationFiles({ migrationsFolder });
  const latest = shipped.at(-1);
  const applied = await appliedCount(db);
  if (!latest) return { applied, expected: 0, current: true };
  const [found] = applied
    ? await queryRows<{ count: number }>(
        db,
        sql`select count(*)::int as count from ${journal} where created_at = ${latest.folderMillis}`,
      )
    : [];
  const hasLatest = (found?.count ?? 0) > 0;
  return { applied, expected: shipped.length, current: hasLatest };
}
