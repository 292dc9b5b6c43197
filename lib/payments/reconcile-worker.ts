import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { logger } from "@/lib/platform/logger";
import { reconcilePayments } from "./reconcile-payments";

// A missed webhook costs a buyer their confirmation until this runs: often enough to catch it
// within the quarter hour, rarely enough that listing a day of sessions stays cheap.
const EVERY_MS = 15 * 60_000;
// Not at start: in the sandbox Stripe answers from this very server, which is not listening
// yet, and a fleet restarting at once need not all ask Stripe in the same second.
const FIRST_AFTER_MS = 2 * 60_000;

/** Runs reconciliation in this app process now and then; every copy may, harmlessly. */
export function startReconciler(db: Database, stripe: Stripe): { stop(): void } {
  const run = () =>
    void reconcilePayments(db, stripe).catch((error) =>
      logger.error({ err: error }, "reconciliation failed"),
    );
  const first = setTimeout(run, FIRST_AFTER_MS + Math.random() * 30_000);
  const timer = setInterval(run, EVERY_MS);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
