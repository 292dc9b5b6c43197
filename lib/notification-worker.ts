import { database } from "./database";
import { telegramApi } from "./app-services";
import { telegramDeliverer } from "./notifications";
import { startOutboxWorker, type OutboxWorker } from "./outbox-worker";

const shared = globalThis as unknown as { promoBotOutboxWorker?: OutboxWorker };

/** Starts this process's outbox worker once, when Telegram is configured. */
export async function startNotificationWorker(): Promise<OutboxWorker | undefined> {
  const api = telegramApi();
  if (!api) return undefined;
  shared.promoBotOutboxWorker ??= startOutboxWorker(await database(), telegramDeliverer(api));
  return shared.promoBotOutboxWorker;
}

/** Sends queued notifications now rather than at the worker's next tick. */
export function kickNotificationWorker() {
  shared.promoBotOutboxWorker?.kick();
}
