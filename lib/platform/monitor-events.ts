import { lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { monitorEvents } from "@/db/schema/monitoring";
import { logger } from "@/lib/platform/logger";

export type MonitorSource = "stripe" | "telegram";

export type MonitorEventInput =
  | {
      kind: "webhook";
      source: MonitorSource;
      detail: {
        outcome: "duplicate" | "rejected" | "failed";
        status: number;
        reason?: string;
        eventId?: string;
        eventType?: string;
        updateId?: number;
      };
    }
  | {
      kind: "api_error";
      source: MonitorSource;
      detail: { method: string; code: number; description?: string };
    }
  | {
      // A payment Stripe reported that its order could not take (lib/payments/flag-payment.ts).
      kind: "payment_flag";
      source: "stripe";
      detail: {
        reason: string;
        orderId: string;
        orderNumber: number;
        sessionId: string;
        paymentIntentId?: string;
        paidMinor: number;
        paidCurrency: string;
      };
    };

type Unrecorded = MonitorEventInput & { at: Date };

// Events that could not be written (the database was down: the very moment webhooks fail),
// kept in this process until the next write or check succeeds, so an outage still counts.
// Bounded, so a long outage cannot eat the memory.
const MAX_UNRECORDED = 500;
const shared = globalThis as unknown as {
  promoBotUnrecorded?: Unrecorded[];
  promoBotMonitorWrites?: Set<Promise<void>>;
};
const unrecorded = (shared.promoBotUnrecorded ??= []);
const inFlight = (shared.promoBotMonitorWrites ??= new Set());

/**
 * Writes a monitoring event, with any earlier ones that could not be written. Never throws:
 * monitoring must not turn a webhook's answer or an API error into a different failure.
 */
export async function recordMonitorEvent(db: Database, event?: MonitorEventInput): Promise<void> {
  // Taken out at once, so two writes running side by side never insert the same event twice.
  const batch = unrecorded.splice(0, unrecorded.length);
  if (event) batch.push({ ...event, at: new Date() });
  if (batch.length === 0) return;
  try {
    await db.insert(monitorEvents).values(batch);
  } catch (error) {
    unrecorded.unshift(...batch.slice(-MAX_UNRECORDED));
    unrecorded.splice(MAX_UNRECORDED);
    logger.warn({ err: error, unrecorded: unrecorded.length }, "monitor event not recorded yet");
  }
}

/** Keeps an event for the next write that reaches the database (none is open right now). */
export function rememberMonitorEvent(event: MonitorEventInput): void {
  if (unrecorded.length < MAX_UNRECORDED) unrecorded.push({ ...event, at: new Date() });
}

/**
 * Records without waiting: for API errors, which happen inside the caller's transaction (the
 * outbox sends in one), where waiting on another connection could deadlock a single-connection
 * database such as PGlite.
 */
export function recordMonitorEventLater(
  db: Database | (() => Promise<Database>),
  event: MonitorEventInput,
): void {
  const write = (async () => {
    try {
      await recordMonitorEvent(typeof db === "function" ? await db() : db, event);
    } catch (error) {
      logger.warn({ err: error }, "monitor event not recorded");
    }
  })();
  inFlight.add(write);
  void write.finally(() => inFlight.delete(write));
}

/** Waits for the events still being written (before shutdown, and in tests). */
export async function settleMonitorWrites(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

// A few days: the Monitoring page shows 24 hours, the checks look back minutes, and whoever
// investigates an incident after a weekend still finds its failures.
export const MONITOR_EVENT_RETENTION_DAYS = 4;

export async function pruneMonitorEvents(db: Database, now: Date) {
  const cutoff = new Date(now.getTime() - MONITOR_EVENT_RETENTION_DAYS * 24 * 3600 * 1000);
  await db.delete(monitorEvents).where(lt(monitorEvents.at, cutoff));
}
