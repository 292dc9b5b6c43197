import { getTranslations } from "next-intl/server";
import type { MonitoringOverview, Tally } from "@/lib/monitoring/monitoring-overview";
import { cell, headCell, panel, panelTitle } from "./styles";

const outcomes = ["ok", "duplicate", "rejected", "failed"] as const;
const sources = ["stripe", "telegram"] as const;

/** Webhook answers and failed API calls over the last hour and day; the outbox's backlog. */
export async function CountersTable({
  webhooks,
  apiErrors,
  backlog,
}: Pick<MonitoringOverview, "webhooks" | "apiErrors" | "backlog">) {
  const t = await getTranslations("monitoringPage");
  const rows: { key: string; label: string; tally: Tally; bad: boolean }[] = [
    ...sources.flatMap((source) =>
      outcomes.map((outcome) => ({
        key: `${source}-${outcome}`,
        label: t(`webhookRow.${source}.${outcome}`),
        tally: webhooks[source][outcome],
        bad: outcome === "failed",
      })),
    ),
    ...sources.map((source) => ({
      key: `${source}-api`,
      label: t(`apiErrorRow.${source}`),
      tally: apiErrors[source],
      bad: true,
    })),
  ];
  const age = {
    minutes: Math.floor(backlog.oldestAgeSeconds / 60),
    seconds: backlog.oldestAgeSeconds,
  };
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <section className={`${panel} lg:col-span-2`} aria-labelledby="counters-title">
        <h2 id="counters-title" className={panelTitle}>
          {t("countersTitle")}
        </h2>
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-sm" aria-labelledby="counters-title">
            <thead>
              <tr>
                <th scope="col" className={headCell}>
                  {t("what")}
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  {t("lastHour")}
                </th>
                <th scope="col" className={`${headCell} text-right`}>
                  {t("lastDay")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map(({ key, label, tally, bad }) => (
                <tr key={key}>
                  <th scope="row" className={`${cell} text-left font-normal text-slate-700`}>
                    {label}
                  </th>
                  {[tally.hour, tally.day].map((value, index) => (
                    <td
                      key={index}
                      className={`${cell} text-right tabular-nums ${
                        bad && value > 0 ? "font-semibold text-red-700" : "text-slate-900"
                      }`}
                    >
                      {value}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-3 text-xs text-slate-500">{t("okHint")}</p>
      </section>
      <section className={panel} aria-labelledby="backlog-title">
        <h2 id="backlog-title" className={panelTitle}>
          {t("backlogTitle")}
        </h2>
        <dl className="mt-3 space-y-3 text-sm">
          <div>
            <dt className="text-slate-500">{t("pending")}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{backlog.pending}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("oldest")}</dt>
            <dd className="text-2xl font-semibold tabular-nums">
              {backlog.pending > 0 ? t("age", age) : "–"}
            </dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
