import { connectDatabase, type Database, type DatabaseConnection } from "@/db/client";
import { settings } from "./env";

// Next bundles route handlers and instrumentation separately, so a module-level variable would
// exist once per bundle; globalThis is the one place they share. PGlite in particular must be
// opened once per process: its data directory cannot be shared.
const shared = globalThis as unknown as { promoBotDatabase?: Promise<DatabaseConnection> };

/** The process's one database connection (pool), opened on first use from the settings. */
export function databaseConnection(): Promise<DatabaseConnection> {
  shared.promoBotDatabase ??= openFromSettings();
  return shared.promoBotDatabase;
}

export async function database(): Promise<Database> {
  return (await databaseConnection()).db;
}

function openFromSettings(): Promise<DatabaseConnection> {
  const config = settings();
  const opening = connectDatabase({
    url: config.DATABASE_URL,
    driver: config.DATABASE_DRIVER,
    dataDir: config.DATA_DIR,
    neonWsProxy: config.NEON_WS_PROXY,
  });
  // A failed open must not be cached forever: the next caller tries again.
  opening.catch(() => {
    shared.promoBotDatabase = undefined;
  });
  return opening;
}
