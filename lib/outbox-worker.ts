import type { Database } from "@/db/client";
import { logger } from "./logger";
import { drainOutbox, type Deliver } from "./outbox";
import { expireStaleCheckouts } from "./stale-checkouts";

// Abandoned checkouts are rare and not urgent: looking once a minute is plenty.
const SWEEP_EVERY_MS = 60_000;

export interface OutboxWorker {
  /** Drains now instead of at the next tick (after a webhook queued something). */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Drains the outbox in this app process every `intervalMs`, and at once when kicked. Runs in
 * every copy of the app: SKIP LOCKED keeps them from sending the same message.
 */
export function startOutboxWorker(db: Database, deliver: Deliver, intervalMs = 2000): OutboxWorker {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drainOutbox(db, deliver)
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
      });
  };

  const timer = setInterval(run, intervalMs);
  timer.unref();
  const sweeper = setInterval(() => {
    expireStaleCheckouts(db)
      .then((count) => {
        if (count > 0) logger.info({ expired: count }, "stale checkouts expired");
        if (count > 0) run();
      })
      .catch((error) => logger.error({ err: error }, "stale checkout sweep failed"));
  }, SWEEP_EVERY_MS);
  sweeper.unref();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(sweeper);
      await running;
    },
  };
}
