import { database } from "@/lib/platform/database";
import { ecsTarget, objectStorage, telegramApi } from "@/lib/platform/services";
import { followRunningDeployment } from "@/lib/deploy/track-deployment";
import { settings } from "@/lib/platform/env";
import { runMonitorCheck } from "@/lib/monitoring/run-monitor-check";
import { logger } from "@/lib/platform/logger";
import { smtpMailer } from "@/lib/platform/mailer";
import { outboxDeliverer } from "./deliver-job";
import { startOutboxWorker, type OutboxWorker } from "./outbox-worker";

const shared = globalThis as unknown as { promoBotOutboxWorker?: OutboxWorker };

/**
 * Starts this process's outbox worker (messages, invoices, e-mails) once, when Telegram is
 * configured, with the alert check (admins are alerted in Telegram, so without it there is
 * nobody to tell).
 */
export async function startNotificationWorker(): Promise<OutboxWorker | undefined> {
  const api = telegramApi();
  if (!api) return undefined;
  const db = await database();
  const { SMTP_URL, SMTP_FROM, PUBLIC_URL } = settings();
  const deliver = outboxDeliverer({
    api,
    storage: objectStorage(),
    sendMail: SMTP_URL ? smtpMailer(SMTP_URL, SMTP_FROM) : undefined,
    publicUrl: PUBLIC_URL,
  });
  shared.promoBotOutboxWorker ??= startOutboxWorker(db, deliver, {
    monitor: async () => {
      // On its own: ECS being unreachable must not skip the alert check.
      await followRunningDeployment(db, ecsTarget()).catch((error) =>
        logger.error({ err: error }, "following the running deployment failed"),
      );
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
