import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { connectDatabase, type DatabaseConnection } from "@/db/client";
import { migrateWithLock } from "@/db/migrate";
import { createTestDatabase } from "./postgres-server";

/**
 * A fresh, migrated database on the run's real PostgreSQL server; one per test file (the
 * name), so files run in parallel without seeing each other's rows.
 */
export async function migratedTestDatabase(name: string): Promise<DatabaseConnection> {
  const url = await createTestDatabase(inject("postgresUrl"), name);
  const connection = await connectDatabase({
    url,
    dataDir: mkdtempSync(path.join(tmpdir(), "promo-test-")),
  });
  await migrateWithLock(connection);
  return connection;
}
