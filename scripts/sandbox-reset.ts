// `npm run sandbox:reset`: starts the sandbox's demo shop over. Deletes the embedded database
// and the uploaded photos under DATA_DIR; the next start creates the demo shop afresh. Refuses
// while the app (or anything else) has the database open: PGlite's folder is locked by the
// process that holds it (db/pglite-lock.ts), and deleting it under a running app would lose
// whatever it writes next.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { isDatabaseInUse, lockPgliteFolder } from "@/db/pglite-lock";
import { settings, SettingsError } from "@/lib/platform/env";

try {
  const config = settings();
  // A PostgreSQL server's data is somebody's shop, not a demo to throw away.
  if (config.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL is set: only the embedded database under DATA_DIR is reset. Unset it.",
    );
  }
  const dataDir = path.resolve(config.DATA_DIR);
  const pglite = path.join(dataDir, "pglite");
  if (!existsSync(pglite)) {
    console.log(`Nothing to reset: ${dataDir} holds no embedded database.`);
    process.exit(0);
  }
  // Taken and given back at once: it only proves that no process has the folder open.
  const lock = await lockPgliteFolder(pglite);
  await lock.release();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`Deleted ${dataDir}: the next start creates the demo shop afresh.`);
  process.exit(0);
} catch (error) {
  const message =
    error instanceof SettingsError || isDatabaseInUse(error)
      ? error.message
      : (error as Error).message;
  console.error(message);
  process.exit(1);
}
