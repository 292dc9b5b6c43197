import { logger } from "@/lib/platform/logger";

export interface ScheduledTask<C> {
  /** Names it in the log when it fails ("<name> failed"). */
  name: string;
  /** Resolves true when it queued outbox jobs, so the worker sends them now. */
  run(context: C): Promise<boolean | void>;
}

export interface Schedule<C> {
  everyMs: number;
  /** When the first round runs; without it, after `everyMs`. */
  firstAfterMs?: () => number;
  /** Run one after the other, in this order, each round. */
  tasks: readonly ScheduledTask<C>[];
}

export interface RunningSchedule {
  stop(): Promise<void>;
}

/**
 * Runs the schedule's tasks every `everyMs` in this process. Every app copy runs them: the
 * tasks themselves make that harmless (row locks, advisory locks, idempotent effects). A round
 * still running when the next is due makes that one skip, so a slow database never piles up
 * rounds.
 */
export function startSchedule<C>(
  schedule: Schedule<C>,
  context: C,
  onQueued: () => void = () => {},
): RunningSchedule {
  let round: Promise<void> | undefined;
  let stopped = false;
  const runRound = async () => {
    // Each task on its own: one failing (ECS or the database away) must not skip the others.
    for (const task of schedule.tasks) {
      try {
        if (await task.run(context)) onQueued();
      } catch (error) {
        logger.error({ err: error }, `${task.name} failed`);
      }
    }
  };
  const due = () => {
    if (stopped || round) return;
    round = runRound().finally(() => (round = undefined));
  };
  const first = schedule.firstAfterMs ? setTimeout(due, schedule.firstAfterMs()) : undefined;
  first?.unref();
  const timer = setInterval(due, schedule.everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await round;
    },
  };
}
