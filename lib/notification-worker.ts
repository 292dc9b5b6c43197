import { database } from "./database";
import { telegramApi } from "./app-services";
import { settings } from "./env";
import { runMonitorCheck } from "./incidents";
import { telegramDeliverer } from "./notifications";
import { startOutboxWorker, type OutboxWorker } from "./outbox-worker";

const shared = globalThis as unknown as { promoBotOutboxWorker?: OutboxWorker };

/**
 * Starts this process's outbox worker once, when Telegram is configured, with the alert check
 * (admins are alerted in Telegram, so without it there is nobody to tell).
 */
export async function startNotificationWorker(): Promise<OutboxWorker | undefined> {
  const api = telegramApi();
  if (!api) return undefined;
  const db = await database();
  const { PUBLIC_URL } = settings();
  shared.promoBotOutboxWorker ??= startOutboxWorker(db, telegramDeliverer(api), {
    monitor: async () => {
      const result = await runMonitorCheck(db, { telegram: api, publicUrl: PUBLIC_URL });
      return result.opened.length + result.resolved.length > 0;
    },
  });
  return shared.promoBotOutboxWorker;
}

/** Sends queued notifications now rather than at the worker's next tick. */
export function kickNotificationWorker() {
  shared.promoBotOutboxWorker?.kick();
}
