// `npm run db:migrate`: the same locked migration the app runs at start, for operators who
// want it as a separate step (e.g. before a rollout).
import { migrateWithLock } from "@/db/migrate";
import { isDatabaseInUse } from "@/db/pglite-lock";
import { databaseConnection } from "@/lib/platform/database";
import { settings, SettingsError } from "@/lib/platform/env";
import { describeDatabaseUrl } from "@/lib/platform/logger";

try {
  const config = settings();
  const connection = await databaseConnection();
  const applied = await migrateWithLock(connection);
  console.log(
    `Applied ${applied} migration(s) to ${describeDatabaseUrl(config.DATABASE_URL)} (${connection.driver}).`,
  );
  await connection.close();
} catch (error) {
  // The running app already migrates at its start: a held embedded database is said plainly.
  console.error(error instanceof SettingsError || isDatabaseInUse(error) ? error.message : error);
  process.exit(1);
}
