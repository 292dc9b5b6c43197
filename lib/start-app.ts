import { migrateWithLock } from "@/db/migrate";
import { isDatabaseInUse } from "@/db/pglite-lock";
import { databaseConnection } from "@/lib/platform/database";
import { objectStorage, stripeClient, telegramApi } from "./services";
import { isSandbox, settings, SettingsError } from "@/lib/platform/env";
import { describeDatabaseUrl, logger } from "@/lib/platform/logger";
import { logUncaughtFailures } from "@/lib/platform/uncaught-failures";
import { smtpMailer } from "@/lib/platform/mailer";
import { startNotificationWorker } from "@/lib/jobs/start-worker";
import { startSchedule } from "@/lib/jobs/schedule";
import { jobRegistry } from "@/lib/job-registry";
import { everyMinute, everyQuarterHour } from "@/lib/scheduled-tasks";
import { retireSandbox } from "@/lib/auth/retire-sandbox";

/**
 * Runs once per server process before it takes requests: a bad configuration or a database
 * that cannot be migrated stops the process with a clear message, so an orchestrator (ECS)
 * sees a failed start instead of a server answering errors.
 */
export async function startApp(): Promise<void> {
  logUncaughtFailures();
  try {
    const config = settings();
    logger.level = config.LOG_LEVEL;
    const connection = await databaseConnection();
    const applied = await migrateWithLock(connection);
    logger.info(
      { driver: connection.driver, database: describeDatabaseUrl(config.DATABASE_URL), applied },
      "database ready",
    );
    if (isSandbox(config)) {
      // Loaded only here, so the sandbox's code stays out of a live shop's start.
      const { seedDemoShop } = await import("@/sandbox/app/demo-shop");
      const seeded = await seedDemoShop(connection.db, objectStorage());
      logger.info(
        { demoShop: seeded ? "created" : "kept" },
        "sandbox: Telegram and Stripe simulated",
      );
    } else {
      const retired = await retireSandbox(connection.db);
      if (retired.accounts + retired.sessions > 0) {
        logger.info(retired, "live: the sandbox's test accounts and sessions ended");
      }
    }
    warnAboutStoredSessionSecret(config);
    const api = telegramApi();
    const stripe = stripeClient();
    const { SMTP_URL, SMTP_FROM, PUBLIC_URL } = config;
    const worker =
      api &&
      startNotificationWorker(
        connection.db,
        {
          api,
          storage: objectStorage(),
          sendMail: SMTP_URL ? smtpMailer(SMTP_URL, SMTP_FROM) : undefined,
          publicUrl: PUBLIC_URL,
          stripe,
        },
        jobRegistry,
        everyMinute,
        // Several jobs at once where each has its own connection; the embedded database has one,
        // which a job's transaction holds while it sends. Six keep Telegram's 30 messages a
        // second busy on a loaded machine (four managed about 24) and leave four of the pool's
        // ten connections for the pace's queries and the inbox.
        { concurrency: connection.driver === "pglite" ? 1 : 6 },
      );
    if (stripe) startSchedule(everyQuarterHour, { db: connection.db, stripe });
    logger.info({ outboxWorker: worker ? "running" : "off (Telegram not configured)" }, "started");
  } catch (error) {
    if (error instanceof SettingsError || isDatabaseInUse(error)) {
      // Plain text on stderr: this is read by a person fixing their configuration or stopping
      // the other process that has the embedded database open.
      console.error(error.message);
    } else {
      logger.fatal({ err: error }, "startup failed");
    }
    process.exit(1);
  }
}

// Without AUTH_SECRET the session-signing secret is generated into the database, beside the
// data it protects: anyone with a copy of the database (a backup) could sign sessions. Fine
// for a sandbox, worth saying at every start of a live shop.
function warnAboutStoredSessionSecret(config: ReturnType<typeof settings>): void {
  if (config.AUTH_SECRET || config.NEXTAUTH_SECRET) return;
  const message =
    "AUTH_SECRET is not set: sessions are signed with a secret generated into the database, so anyone with a copy of the database could sign a session. Set AUTH_SECRET (openssl rand -hex 32) in the task's secrets.";
  if (isSandbox(config)) logger.info(message);
  else logger.warn(message);
}
