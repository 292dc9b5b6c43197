import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { MonitorEvent } from "@/db/schema/monitoring";
import { Card, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatAnyMoney } from "@/lib/platform/money";

type Detail = Record<string, string | number | undefined>;

/**
 * The latest webhook failures, failed API calls and payments not applied to their order: what,
 * when, and what went wrong.
 */
export async function RecentFailures({ events }: { events: MonitorEvent[] }) {
  const [t, format, locale] = await Promise.all([
    getTranslations("monitoringPage"),
    getFormatter(),
    getLocale(),
  ]);
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
    if (event.kind === "payment_flag") {
      const reason = String(detail.reason) as
        "foreign_session" | "amount_mismatch" | "paid_after_refund" | "paid_twice";
      return {
        what: t("paymentFlag", {
          number: String(detail.orderNumber),
          reason: t(`paymentFlagReasons.${reason}`),
        }),
        more: [
          formatAnyMoney(Number(detail.paidMinor), String(detail.paidCurrency), locale),
          detail.sessionId,
          detail.paymentIntentId,
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
    <Card aria-labelledby="failures-title">
      <CardTitle id="failures-title">{t("failuresTitle")}</CardTitle>
      {events.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{t("noFailures")}</p>
      ) : (
        <Table inset className="mt-3" aria-labelledby="failures-title">
          <THead inset>
            <TR>
              <TH inset>{t("when")}</TH>
              <TH inset>{t("what")}</TH>
              <TH inset>{t("detail")}</TH>
            </TR>
          </THead>
          <TBody className="align-top">
            {events.map((event) => {
              const { what, more } = describe(event);
              return (
                <TR key={event.id}>
                  <TD inset className="whitespace-nowrap text-slate-600">
                    {format.dateTime(event.at, { dateStyle: "short", timeStyle: "medium" })}
                  </TD>
                  <TD inset className="font-medium text-slate-900">
                    {what}
                  </TD>
                  <TD inset className="break-all text-slate-600">
                    {more.filter(Boolean).join(" · ")}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
