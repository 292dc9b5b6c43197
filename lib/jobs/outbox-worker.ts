import type { Database } from "@/db/client";
import { logger } from "@/lib/platform/logger";
import { settleMonitorWrites } from "@/lib/monitoring/monitor-events";
import { drainOutbox, outboxBacklog, type Deliver } from "./outbox";
import { withoutLogFields } from "@/lib/platform/request-context";
import { expireStaleCheckouts } from "@/lib/checkout/expire-stale-checkouts";

// Abandoned checkouts are rare and not urgent, and the alert thresholds count in minutes:
// looking once a minute is plenty for both.
const MINUTE_MS = 60_000;

export interface OutboxWorkerOptions {
  /** How often to look for due messages (default 2 s). */
  intervalMs?: number;
  /** How often to sweep stale checkouts, log the backlog and run `monitor` (default 1 min). */
  minuteMs?: number;
  /** The alert check (runMonitorCheck); true when it queued messages to send at once. */
  monitor?: () => Promise<boolean>;
}

export interface OutboxWorker {
  /** Drains now instead of at the next tick (after a webhook queued something). */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Drains the outbox in this app process every `intervalMs`, and at once when kicked. Runs in
 * every copy of the app: SKIP LOCKED keeps them from sending the same message. Once a minute
 * it also gives back stale checkouts' stock, logs the backlog (`outbox.backlog`, for
 * CloudWatch) and runs the alert check.
 */
export function startOutboxWorker(
  db: Database,
  deliver: Deliver,
  { intervalMs = 2000, minuteMs = MINUTE_MS, monitor }: OutboxWorkerOptions = {},
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
      drainOutbox(db, deliver)
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

  let minuteTask: Promise<void> | undefined;
  const everyMinute = () => {
    if (stopped || minuteTask) return;
    minuteTask = runMinuteTasks(db, monitor, run).finally(() => (minuteTask = undefined));
  };

  const timer = setInterval(run, intervalMs);
  timer.unref();
  const minutely = setInterval(everyMinute, minuteMs);
  minutely.unref();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(minutely);
      await Promise.all([running, minuteTask]);
      await settleMonitorWrites();
    },
  };
}

// Each task on its own: one failing (the database away) must not skip the others.
async function runMinuteTasks(
  db: Database,
  monitor: OutboxWorkerOptions["monitor"],
  drain: () => void,
) {
  try {
    const expired = await expireStaleCheckouts(db);
    if (expired > 0) {
      logger.info({ expired }, "stale checkouts expired");
      drain();
    }
  } catch (error) {
    logger.error({ err: error }, "stale checkout sweep failed");
  }
  try {
    // Every copy logs the same shared figures: CloudWatch should take their maximum.
    const backlog = await outboxBacklog(db);
    logger.info({ event: "outbox.backlog", ...backlog }, "outbox backlog");
  } catch (error) {
    logger.error({ err: error }, "outbox backlog unknown");
  }
  if (!monitor) return;
  try {
    if (await monitor()) drain();
  } catch (error) {
    logger.error({ err: error }, "alert check failed");
  }
}
