import { getTranslations } from "next-intl/server";
import type { MonitoringOverview, Tally } from "@/lib/monitoring/monitoring-overview";
import { Card, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

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
      <Card className="lg:col-span-2" aria-labelledby="counters-title">
        <CardTitle id="counters-title">{t("countersTitle")}</CardTitle>
        <Table inset className="mt-3" aria-labelledby="counters-title">
          <THead inset>
            <TR>
              <TH inset>{t("what")}</TH>
              <TH inset align="right">
                {t("lastHour")}
              </TH>
              <TH inset align="right">
                {t("lastDay")}
              </TH>
            </TR>
          </THead>
          <TBody className="align-top">
            {rows.map(({ key, label, tally, bad }) => (
              <TR key={key}>
                <TH inset scope="row" className="text-slate-700">
                  {label}
                </TH>
                {[tally.hour, tally.day].map((value, index) => (
                  <TD
                    key={index}
                    inset
                    align="right"
                    className={`tabular-nums ${
                      bad && value > 0 ? "font-semibold text-red-700" : "text-slate-900"
                    }`}
                  >
                    {value}
                  </TD>
                ))}
              </TR>
            ))}
          </TBody>
        </Table>
        <p className="mt-3 text-xs text-slate-500">{t("okHint")}</p>
      </Card>
      <Card aria-labelledby="backlog-title">
        <CardTitle id="backlog-title">{t("backlogTitle")}</CardTitle>
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
      </Card>
    </div>
  );
}
