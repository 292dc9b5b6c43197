import { eq } from "drizzle-orm";
import type { Api } from "grammy";
import { z } from "zod";
import type { Database } from "@/db/client";
import { incidents, type Incident } from "@/db/schema/monitoring";
import { users } from "@/db/schema/users";
import { defineJob } from "@/lib/jobs/define-job";
import { PermanentDeliveryError } from "@/lib/jobs/outbox";
import { escapeHtml } from "@/lib/telegram/html";
import { telegramLocale, translate, type TelegramLocale } from "@/lib/telegram/i18n";
import { sendTelegramMessage } from "@/lib/telegram/send-message";
import { describeIncident } from "./incident-alerts";

/** One admin told about one incident; ids are Postgres uuids (any 8-4-4-4-12 hex). */
const alertPayload = z.object({
  incidentId: z.guid(),
  userId: z.guid(),
  monitoringUrl: z.string(),
});
type AlertPayload = z.infer<typeof alertPayload>;

// Times in alerts are UTC: admins may sit anywhere, and CloudWatch shows UTC too.
function utcTime(date: Date, locale: TelegramLocale) {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(date);
}

function minutesOpen(incident: Incident) {
  const ms = (incident.resolvedAt ?? new Date()).getTime() - incident.openedAt.getTime();
  return Math.max(1, Math.ceil(ms / 60_000));
}

/** An alert or recovery message for one admin, in their language (English if unknown). */
async function sendAlert(
  tx: Database,
  api: Api,
  resolved: boolean,
  { incidentId, userId, monitoringUrl }: AlertPayload,
) {
  const incident = await tx.query.incidents.findFirst({ where: eq(incidents.id, incidentId) });
  const admin = await tx.query.users.findFirst({ where: eq(users.id, userId) });
  if (!incident) throw new PermanentDeliveryError(`incident ${incidentId} not found`);
  if (!admin) throw new PermanentDeliveryError(`admin ${userId} not found`);
  const locale = telegramLocale(admin.language);
  const { title, summary } = describeIncident(incident, locale);
  const common = {
    title,
    url: escapeHtml(monitoringUrl),
    since: utcTime(incident.openedAt, locale),
  };
  const text = resolved
    ? translate(locale, "alert-resolved", { ...common, minutes: minutesOpen(incident) })
    : translate(locale, "alert-opened", { ...common, summary });
  await sendTelegramMessage(api, tx, { chatId: admin.telegramId, text, userId: admin.id });
}

function alertJob(kind: "alert.opened" | "alert.resolved") {
  return defineJob({
    kind,
    schema: alertPayload,
    // One message per incident, kind and admin, however often the check runs.
    dedupeKey: ({ incidentId, userId }) => `${kind}:${incidentId}:${userId}`,
    run: (tx, payload, { api }) => sendAlert(tx, api, kind === "alert.resolved", payload),
  });
}

/** An incident opened: each admin is told what is wrong, with a link to Monitoring. */
export const alertOpenedJob = alertJob("alert.opened");
/** The incident cleared: each admin is told how long it lasted. */
export const alertResolvedJob = alertJob("alert.resolved");
