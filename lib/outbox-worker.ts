import type { Database } from "@/db/client";
import { logger } from "./logger";
import { drainOutbox, type Deliver } from "./outbox";

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
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
