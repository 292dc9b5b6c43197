import { getFormatter, getTranslations } from "next-intl/server";
import type { inboxState } from "@/lib/jobs/inbox";
import { Card, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

type State = Awaited<ReturnType<typeof inboxState>>;

/**
 * What Telegram and Stripe sent that is not processed yet, and what was given up on (parked)
 * today: a parked update is a buyer nobody answered, so it is listed with its reason.
 */
export async function InboxState({ state }: { state: State }) {
  const [t, format] = await Promise.all([getTranslations("monitoringPage"), getFormatter()]);
  return (
    <Card aria-labelledby="inbox-title">
      <CardTitle id="inbox-title">{t("inboxTitle")}</CardTitle>
      <p className="mt-3 text-sm text-slate-600">
        {state.pending === 0
          ? t("inboxEmpty")
          : t("inboxWaiting", { count: state.pending, seconds: state.oldestAgeSeconds })}
      </p>
      {state.parked.length > 0 ? (
        <>
          <h3 id="parked-title" className="mt-5 text-sm font-medium text-slate-700">
            {t("parkedTitle")}
          </h3>
          <Table inset className="mt-3" aria-labelledby="parked-title">
            <THead inset>
              <TR>
                <TH inset>{t("receivedItem")}</TH>
                <TH inset align="right">
                  {t("attempts")}
                </TH>
                <TH inset>{t("lastError")}</TH>
              </TR>
            </THead>
            <TBody className="align-top">
              {state.parked.map((row) => (
                <TR key={row.id}>
                  <TD inset>
                    <span className="font-medium text-slate-900">
                      {row.source === "stripe" ? "Stripe" : "Telegram"} {row.externalId}
                    </span>
                    <span className="block text-xs text-slate-500">
                      {format.dateTime(row.receivedAt, { dateStyle: "short", timeStyle: "medium" })}
                    </span>
                  </TD>
                  <TD inset align="right" className="tabular-nums">
                    {row.attempts}
                  </TD>
                  <TD inset className="break-all text-slate-600">
                    {row.lastError ?? "–"}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </>
      ) : null}
    </Card>
  );
}
