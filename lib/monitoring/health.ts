import { sql } from "drizzle-orm";
import { migrationStatus, type MigrationStatus } from "@/db/migrate";
import type { DatabaseConnection } from "@/db/client";
import { databaseConnection } from "@/lib/platform/database";

export interface Health {
  live: true;
  ready: boolean;
  database: { ok: boolean; driver?: string; latencyMs?: number; error?: string };
  migrations: (MigrationStatus & { ok: boolean }) | { ok: false; error: string };
}

// A load balancer probes every few seconds: an unreachable database must answer "not ready"
// quickly rather than hang the probe until it times out.
const CHECK_TIMEOUT_MS = 3000;

export async function checkHealth(
  connect: () => Promise<DatabaseConnection> = databaseConnection,
): Promise<Health> {
  const started = performance.now();
  try {
    const connection = await withTimeout(connect());
    await withTimeout(connection.db.execute(sql`select 1`));
    const latencyMs = Math.round(performance.now() - started);
    const migrations = await withTimeout(migrationStatus(connection.db));
    return {
      live: true,
      ready: migrations.current,
      database: { ok: true, driver: connection.driver, latencyMs },
      migrations: { ...migrations, ok: migrations.current },
    };
  } catch (error) {
    const message = describeError(error);
    return {
      live: true,
      ready: false,
      database: { ok: false, error: message },
      migrations: { ok: false, error: "database unavailable" },
    };
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

// Driver errors can quote the connection string; only the error's kind and code are shown.
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return code ? `${error.name} ${code}` : error.message.replace(/\/\/[^@\s]*@/g, "//[redacted]@");
  }
  return "unknown error";
}
