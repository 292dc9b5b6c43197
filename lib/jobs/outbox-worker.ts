import type { Database } from "@/db/client";
import { logger } from "@/lib/platform/logger";
import { withoutLogFields } from "@/lib/platform/request-context";
import { drainOutbox, outboxBacklog, type Deliver } from "./outbox";
import type { ScheduledTask } from "./schedule";

export interface OutboxWorkerOptions {
  /** How often to look for due jobs (default 2 s). */
  intervalMs?: number;
  /** Jobs sent at once by this copy (default 1). */
  concurrency?: number;
  /** Kinds sent before any other due job (see drainOutbox). */
  firstKinds?: readonly string[];
}

export interface OutboxWorker {
  /** Drains now instead of at the next tick (after a webhook queued something). */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Drains the outbox in this app process every `intervalMs`, and at once when kicked. Runs in
 * every copy of the app: SKIP LOCKED keeps them from running the same job.
 */
export function startOutboxWorker(
  db: Database,
  deliver: Deliver,
  { intervalMs = 2000, concurrency = 1, firstKinds = [] }: OutboxWorkerOptions = {},
): OutboxWorker {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    // A kick comes from a request, but the jobs drained are not that request's.
    running = withoutLogFields(() =>
      drainOutbox(db, deliver, 100, concurrency, firstKinds)
        .then((result) => {
          if (result.sent + result.retrying + result.failed > 0) {
            logger.info({ outbox: result }, "outbox drained");
          }
        })
        .catch((error) => logger.error({ err: error }, "outbox drain failed"))
        .finally(() => {
          running = undefined;
          if (again) {
            again = false;
            run();
          }
        }),
    );
  };

  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** Logs the backlog as `outbox.backlog`, for CloudWatch to graph and alarm on. */
export const logOutboxBacklog: ScheduledTask<{ db: Database }> = {
  name: "outbox backlog",
  async run({ db }) {
    // Every copy logs the same shared figures: CloudWatch should take their maximum.
    const backlog = await outboxBacklog(db);
    logger.info({ event: "outbox.backlog", ...backlog }, "outbox backlog");
  },
};
