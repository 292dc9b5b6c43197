import type { Database } from "@/db/client";
import { logger } from "@/lib/platform/logger";
import {
  recordMonitorEvent,
  rememberMonitorEvent,
  type MonitorEventInput,
  type MonitorSource,
} from "./monitor-events";
import { currentLogFields } from "@/lib/platform/request-context";

/**
 * What a webhook's sender learns from our answer: `ok` (2xx, handled), `duplicate` (2xx, seen
 * before), `rejected` (4xx: forged, invalid or not configured; never retried usefully) and
 * `failed` (5xx: the sender retries).
 */
export type WebhookOutcome = "ok" | "duplicate" | "rejected" | "failed";

export interface WebhookResult {
  source: MonitorSource;
  outcome: WebhookOutcome;
  status: number;
  /** Why it was rejected or failed, in a few words (no payload). */
  reason?: string;
}

/**
 * Logs the answer as the one line CloudWatch's metric filters count
 * (`{"event":"webhook.result","source","outcome","status"}`) and keeps anything but `ok` in
 * the database for the Monitoring page and the alert checks. `ok` answers are counted from the
 * inbox rows the webhooks store anyway.
 */
export async function reportWebhookResult(db: Database | undefined, result: WebhookResult) {
  const { source, outcome, status, reason } = result;
  const level = outcome === "failed" ? "error" : outcome === "rejected" ? "warn" : "info";
  logger[level](
    { event: "webhook.result", source, outcome, status, ...(reason ? { reason } : {}) },
    `${source} webhook answered ${status} (${outcome})`,
  );
  if (outcome === "ok") return;
  const { eventId, eventType, updateId } = currentLogFields();
  const event: MonitorEventInput = {
    kind: "webhook",
    source,
    detail: {
      outcome,
      status,
      ...(reason ? { reason: reason.slice(0, 300) } : {}),
      ...(typeof eventId === "string" ? { eventId } : {}),
      ...(typeof eventType === "string" ? { eventType } : {}),
      ...(typeof updateId === "number" ? { updateId } : {}),
    },
  };
  // Without a database (it could not be opened) the event waits for the next write.
  if (db) await recordMonitorEvent(db, event);
  else rememberMonitorEvent(event);
}

/** Reports the answer (as above) and returns it as the JSON response the sender gets. */
export async function webhookAnswer(
  db: Database | undefined,
  source: MonitorSource,
  status: number,
  outcome: WebhookOutcome,
  body: Record<string, unknown>,
  reason?: string,
) {
  await reportWebhookResult(db, { source, outcome, status, reason });
  return Response.json(body, { status });
}
