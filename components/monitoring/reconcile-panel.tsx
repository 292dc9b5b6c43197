import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardTitle } from "@/components/ui/card";
import type { ReconcileReport } from "@/lib/payments/reconcile-payments";
import { ReconcileButton, type ReconcileState } from "./reconcile-button";

/** The latest payments reconciliation recorded late, and a button to check now. */
export async function ReconcilePanel({
  runs,
  reconcile,
}: {
  runs: Array<{ at: Date; report: ReconcileReport }>;
  /** The page's server action that reconciles now. */
  reconcile: () => Promise<ReconcileState>;
}) {
  const [t, format] = await Promise.all([
    getTranslations("monitoringPage.reconcile"),
    getFormatter(),
  ]);
  return (
    <Card aria-labelledby="reconcile-title">
      <CardTitle id="reconcile-title">{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-slate-600">{t("hint")}</p>
      {runs.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{t("none")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 text-sm">
          {runs.map(({ at, report }) => (
            <li key={at.toISOString()} className="py-2">
              <span className="block text-xs text-slate-500">
                {format.dateTime(at, { dateStyle: "medium", timeStyle: "short" })}
              </span>
              {report.repaired.length > 0 ? (
                <span className="block">
                  {t("repaired", {
                    count: report.repaired.length,
                    orders: report.repaired.map((order) => `#${order.orderNumber}`).join(", "),
                  })}
                </span>
              ) : null}
              {report.unknown.length > 0 ? (
                <span className="block text-slate-600">
                  {t("foreign", { count: report.unknown.length })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ReconcileButton
        action={reconcile}
        labels={{
          run: t("run"),
          ran: { none: t.raw("ranNone") as string, some: t.raw("ranSome") as string },
          failed: t.raw("failed") as string,
        }}
      />
    </Card>
  );
}
