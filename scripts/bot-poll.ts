// `npm run bot:poll`: the bot by long polling, for local development with a real bot token and
// no public URL. Removes the webhook while it runs (Telegram allows one or the other) and
// drains the notification outbox in this process, as the app does.
import { allowedUpdates } from "@/bot/allowed-updates";
import { createBot } from "@/bot/index";
import { migrateWithLock } from "@/db/migrate";
import { objectStorage, stripeClient, telegramApi } from "@/lib/services";
import { databaseConnection } from "@/lib/platform/database";
import { settings, SettingsError } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { jobDispatcher } from "@/lib/jobs/dispatch-job";
import { startOutboxWorker } from "@/lib/jobs/outbox-worker";
import { jobRegistry } from "@/lib/job-registry";
import { settleMonitorWrites } from "@/lib/platform/monitor-events";

try {
  const config = settings();
  const stripe = stripeClient();
  const api = telegramApi();
  if (!config.TELEGRAM_BOT_TOKEN || !stripe || !api) {
    throw new Error("Set TELEGRAM_BOT_TOKEN and STRIPE_SECRET_KEY (with their secrets) first.");
  }
  const connection = await databaseConnection();
  await migrateWithLock(connection);
  const bot = createBot({
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    db: connection.db,
    stripe,
    publicUrl: config.PUBLIC_URL,
    readPhoto: (key) => objectStorage().get(key),
  });
  bot.catch((error) => logger.error({ err: error.error, updateId: error.ctx.update.update_id }));
  const worker = startOutboxWorker(
    connection.db,
    jobDispatcher(jobRegistry, { api, storage: objectStorage(), publicUrl: config.PUBLIC_URL }),
  );
  const stop = async () => {
    try {
      await bot.stop();
      await worker.stop();
      // API failures counted while sending are written before the connection closes.
      await settleMonitorWrites();
      await connection.close();
      process.exit(0);
    } catch (error) {
      // A signal handler's promise is nobody's to await: its failure is logged here.
      logger.error({ err: error }, "polling bot did not stop cleanly");
      process.exit(1);
    }
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  await bot.api.deleteWebhook();
  await bot.start({
    allowed_updates: [...allowedUpdates],
    onStart: (me) => console.log(`Polling as @${me.username}; Ctrl+C stops.`),
  });
} catch (error) {
  console.error(error instanceof SettingsError ? error.message : (error as Error).message);
  process.exit(1);
}
