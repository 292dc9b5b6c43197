import type { Database } from "@/db/client";
import { startInboxWorker, type InboxHandlers, type InboxWorker } from "./inbox-worker";
import { kickNotificationWorker } from "./start-worker";

const shared = globalThis as unknown as { promoBotInboxWorker?: InboxWorker };

/**
 * Starts this process's inbox worker once (instrumentation.ts, at start). The webhook routes
 * run in other bundles of the same process and reach it through kickInbox().
 */
export function startInbox(db: Database, handlers: InboxHandlers): InboxWorker {
  shared.promoBotInboxWorker ??= startInboxWorker(db, handlers, {
    // What a processed row queued (the buyer's confirmation, …) goes out at once.
    onDone: kickNotificationWorker,
  });
  return shared.promoBotInboxWorker;
}

/** Processes what a webhook just stored now, rather than at the worker's next look. */
export function kickInbox() {
  shared.promoBotInboxWorker?.kick();
}
