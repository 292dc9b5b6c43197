import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { expireStaleCheckouts } from "@/lib/checkout/expire-stale-checkouts";
import { followRunningDeployment } from "@/lib/deploy/track-deployment";
import { inboxState, pruneInbox } from "@/lib/jobs/inbox";
import { logOutboxBacklog } from "@/lib/jobs/outbox-worker";
import type { Schedule } from "@/lib/jobs/schedule";
import type { WorkerContext } from "@/lib/jobs/start-worker";
import { runMonitorCheck } from "@/lib/monitoring/run-monitor-check";
import { reconcilePayments } from "@/lib/payments/reconcile-payments";
import { logger } from "@/lib/platform/logger";
import { forgetOldLimits } from "@/lib/platform/rate-limit";
import { ecsTarget } from "./services";

// What every app copy does now and then besides answering requests, in one place. Each task is
// safe to run in several copies at once; one resolving true queued messages, sent at once.

const MINUTE_MS = 60_000;

/**
 * Once a minute, beside the outbox worker (so only where Telegram is configured: admins are
 * alerted there). The alert thresholds count in minutes, and abandoned checkouts are rare and
 * not urgent: a minute is plenty for all of them. Run in this order, one after the other.
 */
export const everyMinute: Schedule<WorkerContext> = {
  everyMs: MINUTE_MS,
  tasks: [
    {
      // Gives back the stock of checkouts Stripe will never tell us about.
      name: "stale checkout sweep",
      async run({ db }) {
        const expired = await expireStaleCheckouts(db);
        if (expired > 0) logger.info({ expired }, "stale checkouts expired");
        return expired > 0;
      },
    },
    // For CloudWatch: how many messages wait, and for how long.
    logOutboxBacklog,
    {
      // The same for what Telegram and Stripe sent; processed rows are dropped once neither
      // can deliver them again.
      name: "inbox upkeep",
      async run({ db }) {
        const pruned = await pruneInbox(db);
        const { pending, oldestAgeSeconds, parked } = await inboxState(
          db,
          new Date(Date.now() - 24 * 60 * MINUTE_MS),
        );
        logger.info(
          { event: "inbox.backlog", pending, oldestAgeSeconds, parkedToday: parked.length, pruned },
          "inbox backlog",
        );
      },
    },
    {
      // A counter per Telegram user (bot/middleware/limit-updates.ts) and per login address
      // would otherwise stay for everyone ever heard from; a day after its window it counts
      // nothing.
      name: "rate limit upkeep",
      async run({ db }) {
        await forgetOldLimits(db);
      },
    },
    {
      // A rollout started from Settings is followed to its end by whichever copy is alive.
      // Before the alert check, and on its own: ECS being unreachable must not skip it.
      name: "following the running deployment",
      async run({ db }) {
        await followRunningDeployment(db, ecsTarget());
      },
    },
    {
      // Opens and resolves incidents; their alerts go out at once.
      name: "alert check",
      async run({ db, telegram, publicUrl }) {
        const result = await runMonitorCheck(db, { telegram, publicUrl });
        return result.opened.length + result.resolved.length > 0;
      },
    },
  ],
};

/**
 * Every quarter hour, wherever Stripe is configured. A missed webhook costs a buyer their
 * confirmation until this runs: often enough to catch it within the quarter hour, rarely
 * enough that listing a day of sessions stays cheap.
 */
export const everyQuarterHour: Schedule<{ db: Database; stripe: Stripe }> = {
  everyMs: 15 * MINUTE_MS,
  // Not at start: in the sandbox Stripe answers from this very server, which is not listening
  // yet, and a fleet restarting at once need not all ask Stripe in the same second.
  firstAfterMs: () => 2 * MINUTE_MS + Math.random() * 30_000,
  tasks: [
    {
      // Repairs what a lost webhook left undone (marks paid orders paid, …).
      name: "reconciliation",
      async run({ db, stripe }) {
        await reconcilePayments(db, stripe);
      },
    },
  ],
};
