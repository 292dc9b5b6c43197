import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { incidents, type Incident } from "@/db/schema/monitoring";
import { users } from "@/db/schema/users";
import type { AlertKind, AlertPayload } from "./run-monitor-check";
import { PermanentDeliveryError, type OutboxRow } from "@/lib/jobs/outbox";
import { escapeHtml } from "@/lib/telegram/html";
import { telegramLocale, translate, type TelegramLocale } from "@/lib/telegram/i18n";

export const alertKinds: readonly string[] = [
  "alert.opened",
  "alert.resolved",
] satisfies AlertKind[];

export interface AlertMessage {
  chatId: number;
  text: string;
  userId: string;
}

// Times in alerts are UTC: admins may sit anywhere, and CloudWatch shows UTC too.
function utcTime(date: Date, locale: TelegramLocale) {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(date);
}

/**
 * The incident's title and sentence (what is wrong, with its figures) in one language: the
 * alert's text in Telegram (HTML-escaped) and the Monitoring page's (plain, React escapes).
 */
export function describeIncident(incident: Incident, locale: TelegramLocale, html = true) {
  const detail = incident.detail as Record<string, string | number>;
  const variables = Object.fromEntries(
    Object.entries(detail).map(([name, value]) => [
      name,
      typeof value === "string" && html ? escapeHtml(value) : value,
    ]),
  );
  return {
    title: translate(locale, `incident-${incident.key}`),
    summary: translate(locale, `incident-${incident.key}-detail`, variables),
  };
}

/** An alert or recovery message for one admin, in their language (English if unknown). */
export async function composeAlert(tx: Database, row: OutboxRow): Promise<AlertMessage> {
  const { incidentId, userId, monitoringUrl } = row.payload as AlertPayload;
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
  const text =
    row.kind === "alert.resolved"
      ? translate(locale, "alert-resolved", {
          ...common,
          minutes: Math.max(
            1,
            Math.ceil(
              ((incident.resolvedAt ?? new Date()).getTime() - incident.openedAt.getTime()) /
                60_000,
            ),
          ),
        })
      : translate(locale, "alert-opened", { ...common, summary });
  return { chatId: admin.telegramId, text, userId: admin.id };
}
