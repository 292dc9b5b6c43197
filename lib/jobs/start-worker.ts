import type { Api } from "grammy";
import type { Database } from "@/db/client";
import type { Job, JobDeps } from "./define-job";
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
 * Starts this process's outbox worker once, running `jobs` (lib/job-registry.ts) with `deps`,
 * and `schedule` beside it (lib/scheduled-tasks.ts). lib/start-app.ts calls it only when
 * Telegram is configured: admins are alerted in Telegram, so without it there is nobody to tell.
 */
export function startNotificationWorker(
  db: Database,
  deps: JobDeps,
  jobs: readonly Job[],
  schedule: Schedule<WorkerContext>,
  { concurrency = 1 }: { concurrency?: number } = {},
): OutboxWorker {
  if (!shared.promoBotOutboxWorker) {
    const worker = startOutboxWorker(db, jobDispatcher(jobs, deps), {
      concurrency,
      firstKinds: jobs.filter((job) => job.first).map((job) => job.kind),
    });
    const tasks = startSchedule(
      schedule,
      { db, telegram: deps.api, publicUrl: deps.publicUrl },
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
