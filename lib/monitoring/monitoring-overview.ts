import { and, desc, gt, isNull, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { incidents, monitorEvents } from "@/db/schema/monitoring";
import { type User } from "@/db/schema/users";
import type { MonitorSource } from "@/lib/platform/monitor-events";
import { inboxReceived, inboxState } from "@/lib/jobs/inbox";
import { outboxBacklog, outboxRetryState } from "@/lib/jobs/outbox";
import type { WebhookOutcome } from "@/lib/platform/webhook-results";
import { assertAdmin } from "@/lib/auth/admin-only";

export interface Tally {
  hour: number;
  day: number;
}

const HOUR_MS = 3_600_000;
// Resolved incidents shown beside the open ones.
const RECENT_INCIDENT_DAYS = 7;

/**
 * Everything the Monitoring page shows, for admins only (anyone else is refused, `forbidden`): webhook
 * answers and API errors over the last hour and day, the latest failures, what the outbox is
 * retrying or gave up on, what the inbox holds or parked, and open and recent incidents. All from the shared tables, so every
 * app copy shows the same figures.
 */
export async function monitoringOverview(db: Database, actor: User, now = new Date()) {
  assertAdmin(actor);
  const hourAgo = new Date(now.getTime() - HOUR_MS);
  const dayAgo = new Date(now.getTime() - 24 * HOUR_MS);
  const withinHour = sql<number>`count(*) filter (where ${monitorEvents.at} > ${hourAgo.toISOString()}::timestamptz)`;
  const [failures, received, apiErrors, backlog, outbox, inbox, recent, incidentList] =
    await Promise.all([
      db
        .select({
          source: monitorEvents.source,
          outcome: sql<string>`${monitorEvents.detail}->>'outcome'`,
          hour: withinHour.mapWith(Number),
          day: sql<number>`count(*)`.mapWith(Number),
        })
        .from(monitorEvents)
        .where(and(sql`${monitorEvents.kind} = 'webhook'`, gt(monitorEvents.at, dayAgo)))
        .groupBy(monitorEvents.source, sql`${monitorEvents.detail}->>'outcome'`),
      // `ok` answers are the rows the webhooks stored: no extra write per webhook.
      inboxReceived(db, now),
      db
        .select({
          source: monitorEvents.source,
          hour: withinHour.mapWith(Number),
          day: sql<number>`count(*)`.mapWith(Number),
        })
        .from(monitorEvents)
        .where(and(sql`${monitorEvents.kind} = 'api_error'`, gt(monitorEvents.at, dayAgo)))
        .groupBy(monitorEvents.source),
      outboxBacklog(db, now),
      outboxRetryState(db, dayAgo),
      inboxState(db, dayAgo, now),
      db
        .select()
        .from(monitorEvents)
        .where(
          and(
            gt(monitorEvents.at, dayAgo),
            // A redelivery we recognised is Telegram or Stripe being careful, not a failure.
            sql`${monitorEvents.detail}->>'outcome' is distinct from 'duplicate'`,
          ),
        )
        .orderBy(desc(monitorEvents.at), desc(monitorEvents.id))
        .limit(25),
      db
        .select()
        .from(incidents)
        .where(
          or(
            isNull(incidents.resolvedAt),
            gt(incidents.resolvedAt, new Date(now.getTime() - RECENT_INCIDENT_DAYS * 24 * HOUR_MS)),
          ),
        )
        .orderBy(desc(incidents.openedAt))
        .limit(20),
    ]);

  const webhooks = {} as Record<MonitorSource, Record<WebhookOutcome, Tally>>;
  for (const source of ["stripe", "telegram"] as const) {
    const of = (outcome: WebhookOutcome): Tally => {
      const row = failures.find((r) => r.source === source && r.outcome === outcome);
      return { hour: row?.hour ?? 0, day: row?.day ?? 0 };
    };
    webhooks[source] = {
      ok: received[source],
      duplicate: of("duplicate"),
      rejected: of("rejected"),
      failed: of("failed"),
    };
  }
  const apiErrorsOf = (source: MonitorSource): Tally => {
    const row = apiErrors.find((r) => r.source === source);
    return { hour: row?.hour ?? 0, day: row?.day ?? 0 };
  };
  return {
    webhooks,
    apiErrors: { stripe: apiErrorsOf("stripe"), telegram: apiErrorsOf("telegram") },
    backlog,
    outbox,
    inbox,
    recentFailures: recent,
    openIncidents: incidentList.filter((incident) => !incident.resolvedAt),
    resolvedIncidents: incidentList.filter((incident) => incident.resolvedAt),
  };
}

export type MonitoringOverview = NonNullable<Awaited<ReturnType<typeof monitoringOverview>>>;
