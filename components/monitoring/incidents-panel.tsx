import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { Incident } from "@/db/schema/monitoring";
import { describeIncident } from "@/lib/monitoring/incident-alerts";
import { telegramLocale } from "@/lib/telegram/locale";
import { Card, CardTitle } from "@/components/ui/card";

/** Open incidents first (what admins were alerted to), then those resolved this week. */
export async function IncidentsPanel({
  open,
  resolved,
}: {
  open: Incident[];
  resolved: Incident[];
}) {
  const [t, format, locale] = await Promise.all([
    getTranslations("monitoringPage"),
    getFormatter(),
    getLocale(),
  ]);
  // The same wording as the alert in Telegram.
  const text = (incident: Incident) => describeIncident(incident, telegramLocale(locale), false);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Card aria-labelledby="incidents-title">
      <CardTitle id="incidents-title">{t("incidentsTitle")}</CardTitle>
      <p className="mt-1 text-sm text-slate-600">{t("alertsHint")}</p>
      {open.length === 0 ? (
        <p className="mt-4 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          {t("noOpenIncidents")}
        </p>
      ) : (
        <ul className="mt-4 space-y-3">
          {open.map((incident) => (
            <li
              key={incident.id}
              role="alert"
              className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
            >
              <p className="font-semibold">{text(incident).title}</p>
              <p className="mt-1">{text(incident).summary}</p>
              <p className="mt-1 text-xs text-red-700">
                {t("openSince", { since: when(incident.openedAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {resolved.length > 0 ? (
        <>
          <h3 className="mt-5 text-sm font-medium text-slate-700">{t("recentlyResolved")}</h3>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {resolved.map((incident) => (
              <li key={incident.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span className="font-medium text-slate-800">{text(incident).title}</span>
                <span className="text-slate-500">
                  {t("resolvedSpan", {
                    opened: when(incident.openedAt),
                    resolved: when(incident.resolvedAt ?? incident.openedAt),
                  })}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
