import type { Incident } from "@/db/schema/monitoring";
import { escapeHtml } from "@/lib/telegram/html";
import { translate, type TelegramLocale } from "@/lib/telegram/i18n";

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
