import type { Database } from "@/db/client";
import { eventLoopUtilization } from "@/lib/platform/event-loop-load";
import { startInboxWorker, type InboxHandlers, type InboxWorker } from "./inbox-worker";
import { kickNotificationWorker } from "./start-worker";
import { webhookFlood } from "./webhook-flood";

const shared = globalThis as unknown as {
  promoBotInboxWorker?: InboxWorker;
  promoBotWebhookFlood?: ReturnType<typeof webhookFlood>;
};
// One count per process: the webhook routes and the worker live in different bundles.
const flood = (shared.promoBotWebhookFlood ??= webhookFlood(eventLoopUtilization));

/**
 * Starts this process's inbox worker once (instrumentation.ts, at start). The webhook routes
 * run in other bundles of the same process and reach it through kickInbox().
 */
export function startInbox(db: Database, handlers: InboxHandlers): InboxWorker {
  shared.promoBotInboxWorker ??= startInboxWorker(db, handlers, {
    // What a processed row queued (the buyer's confirmation, …) goes out at once.
    onDone: kickNotificationWorker,
    yieldToIngest: flood.flooded,
  });
  return shared.promoBotInboxWorker;
}

/** Processes what a webhook just stored now, rather than at the worker's next look. */
export function kickInbox() {
  flood.stored();
  shared.promoBotInboxWorker?.kick();
}
