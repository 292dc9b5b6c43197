import type { Database } from "@/db/client";
import { eventLoopUtilization } from "@/lib/platform/event-loop-load";
import { startInboxWorker, type InboxHandlers, type InboxWorker } from "./inbox-worker";
import { kickNotificationWorker } from "./start-worker";

const shared = globalThis as unknown as {
  promoBotInboxWorker?: InboxWorker;
  promoBotLastStored?: number;
};

// The process is flooded when its event loop is nearly always busy while webhooks keep
// storing rows: the senders' answers then wait behind the worker's processing.
const FLOODED_UTILIZATION = 0.9;
const RECENT_MS = 500;

function floodedWithWebhooks() {
  const storedRecently = Date.now() - (shared.promoBotLastStored ?? 0) < RECENT_MS;
  return storedRecently && eventLoopUtilization() > FLOODED_UTILIZATION;
}

/**
 * Starts this process's inbox worker once (instrumentation.ts, at start). The webhook routes
 * run in other bundles of the same process and reach it through kickInbox().
 */
export function startInbox(db: Database, handlers: InboxHandlers): InboxWorker {
  shared.promoBotInboxWorker ??= startInboxWorker(db, handlers, {
    // What a processed row queued (the buyer's confirmation, …) goes out at once.
    onDone: kickNotificationWorker,
    yieldToIngest: floodedWithWebhooks,
  });
  return shared.promoBotInboxWorker;
}

/** Processes what a webhook just stored now, rather than at the worker's next look. */
export function kickInbox() {
  shared.promoBotLastStored = Date.now();
  shared.promoBotInboxWorker?.kick();
}
