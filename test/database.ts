import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { connectDatabase, type DatabaseConnection } from "@/db/client";
import { migrateWithLock } from "@/db/migrate";
import { createTestDatabase } from "./postgres-server";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "promo-test-"));

/**
 * A fresh, migrated database on the run's real PostgreSQL server; one per test file (the
 * name), so files run in parallel without seeing each other's rows. Returns its URL, e.g. to
 * route it through a proxy.
 */
export async function migratedTestDatabaseUrl(name: string): Promise<string> {
  const url = await createTestDatabase(inject("postgresUrl"), name);
  const connection = await connectDatabase({ url, dataDir: dataDir() });
  await migrateWithLock(connection);
  await connection.close();
  return url;
}

/** The same, connected (node-postgres). */
export async function migratedTestDatabase(name: string): Promise<DatabaseConnection> {
  return connectDatabase({ url: await migratedTestDatabaseUrl(name), dataDir: dataDir() });
}

export async function connectTestDatabase(url: string): Promise<DatabaseConnection> {
  return connectDatabase({ url, dataDir: dataDir() });
}
