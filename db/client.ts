import { mkdirSync } from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { lockPgliteFolder } from "./pglite-lock";
import * as catalogTables from "./schema/catalog";
import * as channelsTables from "./schema/channels";
import * as deployTables from "./schema/deploy";
import * as inboxTables from "./schema/inbox";
import * as invoicesTables from "./schema/invoices";
import * as jobsTables from "./schema/jobs";
import * as monitoringTables from "./schema/monitoring";
import * as ordersTables from "./schema/orders";
import * as paymentsTables from "./schema/payments";
import * as platformTables from "./schema/platform";
import * as telegramTables from "./schema/telegram";
import * as usersTables from "./schema/users";

// Every table, for Drizzle's relational queries (db.query.users…); one file per domain.
const schema = {
  ...catalogTables,
  ...channelsTables,
  ...deployTables,
  ...inboxTables,
  ...invoicesTables,
  ...jobsTables,
  ...monitoringTables,
  ...ordersTables,
  ...paymentsTables,
  ...platformTables,
  ...telegramTables,
  ...usersTables,
};

export type Schema = typeof schema;
/** Any of the three drivers' databases, or a transaction on one: domain code takes this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DriverName = "pglite" | "neon" | "pg";

export interface DatabaseOptions {
  /** Unset means the embedded PGlite database under dataDir. */
  url?: string;
  /** Forces a driver instead of picking one from the URL. */
  driver?: DriverName;
  dataDir: string;
  /** A local WebSocket-to-TCP proxy for the Neon driver (host:port/path), for tests only. */
  neonWsProxy?: string;
}

export interface DatabaseConnection {
  db: Database;
  driver: DriverName;
  /** Runs fn on one dedicated connection: session-level locks need the same connection. */
  withSession<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Raw SQL rows; every driver's result carries them as `rows`. */
export async function queryRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

// Neon's hosts all end in neon.tech; its WebSocket driver needs no TCP egress, which is why
// production on Neon uses it while any other Postgres (RDS, self-hosted) gets node-postgres.
export function pickDriver(url: string | undefined, forced?: DriverName): DriverName {
  if (forced) return forced;
  if (!url) return "pglite";
  const host = new URL(url).hostname;
  return host === "neon.tech" || host.endsWith(".neon.tech") ? "neon" : "pg";
}

export async function connectDatabase(options: DatabaseOptions): Promise<DatabaseConnection> {
  const driver = pickDriver(options.url, options.driver);
  if (driver === "pglite") return connectPglite(path.resolve(options.dataDir, "pglite"));
  if (!options.url) throw new Error(`DATABASE_URL is required for the ${driver} driver`);
  return driver === "neon"
    ? connectNeon(options.url, options.neonWsProxy)
    : connectNodePostgres(options.url);
}

async function connectPglite(dir: string): Promise<DatabaseConnection> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  mkdirSync(dir, { recursive: true });
  // Before PGlite touches the folder: a second process on it would lose writes silently.
  const lock = await lockPgliteFolder(dir);
  const client = await PGlite.create(dir).catch(async (error: unknown) => {
    await lock.release();
    throw error;
  });
  const db = drizzle({ client, schema }) as unknown as Database;
  const close = async () => {
    try {
      await client.close();
    } finally {
      await lock.release();
    }
  };
  // PGlite is a single connection already, so every session is the same one.
  return { db, driver: "pglite", withSession: (fn) => fn(db), close };
}

async function connectNodePostgres(url: string): Promise<DatabaseConnection> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: url, max: 10 });
  survivesDroppedConnections(pool);
  return pooled(
    "pg",
    pool,
    () => pool.connect(),
    (client) => drizzle({ client, schema }) as unknown as Database,
  );
}

async function connectNeon(url: string, wsProxy?: string): Promise<DatabaseConnection> {
  const { Pool, neonConfig } = await import("@neondatabase/serverless");
  const { drizzle } = await import("drizzle-orm/neon-serverless");
  if (wsProxy) {
    // A local proxy speaks plain ws:// to a plain Postgres, which cannot take Neon's
    // pipelined startup.
    neonConfig.wsProxy = wsProxy;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: url, max: 10 });
  survivesDroppedConnections(pool);
  return pooled(
    "neon",
    pool,
    () => pool.connect(),
    (client) => drizzle({ client, schema }) as unknown as Database,
  );
}

interface EmitsErrors {
  on(event: "error", listener: (error: Error) => void): unknown;
}

/**
 * A connection dropped by the server (restart, failover, network cut) is reported as an
 * "error" event, on the pool for idle connections and on the client for one in use; without
 * listeners node treats it as uncaught and ends the process. The query in flight still fails
 * (so a webhook answers 5xx and is retried) and the pool opens a new connection next time.
 */
function survivesDroppedConnections(
  pool: EmitsErrors & { on(event: "connect", listener: (client: EmitsErrors) => void): unknown },
) {
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
}

// node-postgres and Neon's driver share pg's Pool API, so both wrap the same way.
function pooled<Pool extends { end(): Promise<void> }, Client extends { release(): void }>(
  driver: DriverName,
  pool: Pool,
  checkout: () => Promise<Client>,
  wrap: (client: Pool | Client) => Database,
): DatabaseConnection {
  return {
    db: wrap(pool),
    driver,
    async withSession(fn) {
      const client = await checkout();
      try {
        return await fn(wrap(client));
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
