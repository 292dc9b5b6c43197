import { getFormatter, getTranslations } from "next-intl/server";
import type { MonitorEvent } from "@/db/schema/monitoring";
import { cell, headCell, panel, panelTitle } from "./styles";

type Detail = Record<string, string | number | undefined>;

/** The latest webhook failures and failed API calls: what, when, and what went wrong. */
export async function RecentFailures({ events }: { events: MonitorEvent[] }) {
  const [t, format] = await Promise.all([getTranslations("monitoringPage"), getFormatter()]);
  const describe = (event: MonitorEvent) => {
    const detail = event.detail as Detail;
    const source = t(`sources.${event.source === "stripe" ? "stripe" : "telegram"}`);
    if (event.kind === "webhook") {
      const outcome = String(detail.outcome) as "duplicate" | "rejected" | "failed";
      return {
        what: t("webhookFailure", {
          source,
          outcome: t(`outcomes.${outcome}`),
          status: String(detail.status),
        }),
        more: [
          detail.reason,
          detail.eventType,
          detail.eventId,
          detail.updateId && `update ${detail.updateId}`,
        ],
      };
    }
    return {
      what: t("apiFailure", {
        source,
        method: String(detail.method),
        code: detail.code ? String(detail.code) : t("noAnswer"),
      }),
      more: [detail.description],
    };
  };
  return (
    <section className={panel} aria-labelledby="failures-title">
      <h2 id="failures-title" className={panelTitle}>
        {t("failuresTitle")}
      </h2>
      {events.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{t("noFailures")}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-sm" aria-labelledby="failures-title">
            <thead>
              <tr>
                <th scope="col" className={headCell}>
                  {t("when")}
                </th>
                <th scope="col" className={headCell}>
                  {t("what")}
                </th>
                <th scope="col" className={headCell}>
                  {t("detail")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((event) => {
                const { what, more } = describe(event);
                return (
                  <tr key={event.id}>
                    <td className={`${cell} whitespace-nowrap text-slate-600`}>
                      {format.dateTime(event.at, { dateStyle: "short", timeStyle: "medium" })}
                    </td>
                    <td className={`${cell} font-medium text-slate-900`}>{what}</td>
                    <td className={`${cell} break-all text-slate-600`}>
                      {more.filter(Boolean).join(" · ")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
