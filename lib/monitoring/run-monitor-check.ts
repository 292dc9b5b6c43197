import { and, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Api } from "grammy";
import { queryRows, type Database } from "@/db/client";
import { incidents, type Incident } from "@/db/schema/monitoring";
import { users } from "@/db/schema/users";
import { logger } from "@/lib/platform/logger";
import {
  findProblems,
  readWebhookInfo,
  type Finding,
  type IncidentDetail,
  type IncidentKey,
} from "./monitor-checks";
import { pruneMonitorEvents, recordMonitorEvent } from "@/lib/platform/monitor-events";
import { enqueue } from "@/lib/jobs/outbox";
import { alertOpenedJob, alertResolvedJob } from "./alert-jobs";

export interface MonitorCheckDeps {
  /** The Bot API, to ask Telegram about our webhook; without it the webhook is not judged. */
  telegram?: Api;
  /** Where the dashboard is, for the alert's link to the Monitoring page. */
  publicUrl: string;
  now?: Date;
}

export interface MonitorCheckResult {
  /** False when another app copy was checking at the same moment. */
  ran: boolean;
  opened: IncidentKey[];
  resolved: IncidentKey[];
}

// Any number that is not another of our advisory locks (migrations, sign-ups).
const CHECK_LOCK = 7_246_011_406;
// Resolved incidents stay on the Monitoring page's history for a quarter of a year.
const INCIDENT_RETENTION_DAYS = 90;

/**
 * Opens an incident, with one alert to every admin, when a check crosses its threshold, and
 * resolves it, with one recovery message each, when the check clears. Runs in every app copy
 * (every minute, from the outbox worker): one copy at a time checks (a transaction-level
 * advisory lock; the others skip that round), and the partial unique index on open incidents
 * would refuse a second one for the same key anyway. The messages go through the outbox in the
 * same transaction, so an incident exists exactly when its alerts are queued.
 */
export async function runMonitorCheck(
  db: Database,
  deps: MonitorCheckDeps,
): Promise<MonitorCheckResult> {
  const now = deps.now ?? new Date();
  // Failures this process could not write during a database outage count now.
  await recordMonitorEvent(db);
  const webhook = deps.telegram ? await readWebhookInfo(deps.telegram) : undefined;
  const monitoringUrl = new URL("/monitoring", deps.publicUrl).toString();
  const changes = await db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${CHECK_LOCK}) as locked`,
    );
    if (!lock?.locked) return undefined;
    const findings = await findProblems(tx, now, webhook, Boolean(deps.telegram));
    const open = await tx.select().from(incidents).where(isNull(incidents.resolvedAt));
    const opened: Incident[] = [];
    const resolved: Incident[] = [];
    for (const finding of findings) {
      const current = open.find((incident) => incident.key === finding.key);
      if (finding.state === "failing" && !current) {
        const incident = await openIncident(tx, finding, now, monitoringUrl);
        if (incident) opened.push(incident);
      }
      if (finding.state === "clear" && current) {
        const incident = await resolveIncident(tx, current, now, monitoringUrl);
        if (incident) resolved.push(incident);
      }
    }
    await pruneMonitorEvents(tx, now);
    await tx
      .delete(incidents)
      .where(
        and(
          isNotNull(incidents.resolvedAt),
          lt(incidents.resolvedAt, new Date(now.getTime() - INCIDENT_RETENTION_DAYS * 86_400_000)),
        ),
      );
    return { opened, resolved };
  });
  if (!changes) return { ran: false, opened: [], resolved: [] };
  // Logged once committed: these lines are what CloudWatch alarms on, so they must be true.
  for (const incident of changes.opened) {
    logger.warn(
      { event: "alert.opened", incident: incident.key, detail: incident.detail },
      `alert opened: ${incident.key}`,
    );
  }
  for (const incident of changes.resolved) {
    logger.info(
      { event: "alert.resolved", incident: incident.key },
      `alert resolved: ${incident.key}`,
    );
  }
  return {
    ran: true,
    opened: changes.opened.map((incident) => incident.key as IncidentKey),
    resolved: changes.resolved.map((incident) => incident.key as IncidentKey),
  };
}

async function openIncident(tx: Database, finding: Finding, now: Date, monitoringUrl: string) {
  const [incident] = await tx
    .insert(incidents)
    .values({ key: finding.key, detail: finding.detail satisfies IncidentDetail, openedAt: now })
    // The partial unique index: an incident for this key is already open.
    .onConflictDoNothing()
    .returning();
  if (incident) await alertAdmins(tx, alertOpenedJob, incident, now, monitoringUrl);
  return incident;
}

async function resolveIncident(tx: Database, open: Incident, now: Date, monitoringUrl: string) {
  const [incident] = await tx
    .update(incidents)
    .set({ resolvedAt: now })
    .where(and(eq(incidents.id, open.id), isNull(incidents.resolvedAt)))
    .returning();
  if (incident) await alertAdmins(tx, alertResolvedJob, incident, now, monitoringUrl);
  return incident;
}

/**
 * One message per admin, deduplicated per incident, kind and admin. Queued as of the check's
 * time, so the outbox check judges the alerts by the same clock as everything else.
 */
async function alertAdmins(
  tx: Database,
  job: typeof alertOpenedJob,
  incident: Incident,
  now: Date,
  monitoringUrl: string,
) {
  const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin"));
  await enqueue(
    tx,
    ...admins.map((admin) =>
      job.of({ incidentId: incident.id, userId: admin.id, monitoringUrl }, { createdAt: now }),
    ),
  );
}
