import type { Api } from "grammy";
import type { Database } from "@/db/client";
import { database } from "@/lib/platform/database";
import { settings } from "@/lib/platform/env";
import { smtpMailer } from "@/lib/platform/mailer";
import { objectStorage, telegramApi } from "@/lib/platform/services";
import type { Job } from "./define-job";
import { jobDispatcher } from "./dispatch-job";
import { startOutboxWorker, type OutboxWorker } from "./outbox-worker";
import { startSchedule, type Schedule } from "./schedule";

/** What the tasks that run beside the outbox worker are given. */
export interface WorkerContext {
  db: Database;
  telegram: Api;
  publicUrl: string;
}

const shared = globalThis as unknown as { promoBotOutboxWorker?: OutboxWorker };

/**
 * Starts this process's outbox worker once, running `jobs` (lib/job-registry.ts), with
 * `schedule` beside it (lib/scheduled-tasks.ts), when Telegram is configured: admins are
 * alerted in Telegram, so without it there is nobody to tell.
 */
export async function startNotificationWorker(
  jobs: readonly Job[],
  schedule: Schedule<WorkerContext>,
): Promise<OutboxWorker | undefined> {
  const api = telegramApi();
  if (!api) return undefined;
  const db = await database();
  const { SMTP_URL, SMTP_FROM, PUBLIC_URL } = settings();
  const deliver = jobDispatcher(jobs, {
    api,
    storage: objectStorage(),
    sendMail: SMTP_URL ? smtpMailer(SMTP_URL, SMTP_FROM) : undefined,
    publicUrl: PUBLIC_URL,
  });
  if (!shared.promoBotOutboxWorker) {
    const worker = startOutboxWorker(db, deliver);
    const tasks = startSchedule(
      schedule,
      { db, telegram: api, publicUrl: PUBLIC_URL },
      worker.kick,
    );
    shared.promoBotOutboxWorker = {
      kick: worker.kick,
      async stop() {
        await Promise.all([tasks.stop(), worker.stop()]);
      },
    };
  }
  return shared.promoBotOutboxWorker;
}

/** Sends queued notifications now rather than at the worker's next tick. */
export function kickNotificationWorker() {
  shared.promoBotOutboxWorker?.kick();
}
