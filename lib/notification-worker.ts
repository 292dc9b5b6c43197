import { database } from "./database";
import { objectStorage, telegramApi } from "./app-services";
import { settings } from "./env";
import { smtpMailer } from "./mailer";
import { outboxDeliverer } from "./outbox-jobs";
import { startOutboxWorker, type OutboxWorker } from "./outbox-worker";

const shared = globalThis as unknown as { promoBotOutboxWorker?: OutboxWorker };

/** Starts this process's outbox worker (messages, invoices) once, when Telegram is configured. */
export async function startNotificationWorker(): Promise<OutboxWorker | undefined> {
  const api = telegramApi();
  if (!api) return undefined;
  const { SMTP_URL, SMTP_FROM, PUBLIC_URL } = settings();
  const deliver = outboxDeliverer({
    api,
    storage: objectStorage(),
    sendMail: SMTP_URL ? smtpMailer(SMTP_URL, SMTP_FROM) : undefined,
    publicUrl: PUBLIC_URL,
  });
  shared.promoBotOutboxWorker ??= startOutboxWorker(await database(), deliver);
  return shared.promoBotOutboxWorker;
}

/** Sends queued notifications now rather than at the worker's next tick. */
export function kickNotificationWorker() {
  shared.promoBotOutboxWorker?.kick();
}
