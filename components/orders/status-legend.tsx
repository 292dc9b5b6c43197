import { getTranslations } from "next-intl/server";
import type { OrderStatus } from "@/db/schema/orders";
import { OrderStatusBadge, orderStatusTones } from "./order-status-badge";

/** What each status colour means, and what (if anything) it asks of the seller. */
export async function StatusLegend() {
  const [t, tTable] = await Promise.all([
    getTranslations("statusLegend"),
    getTranslations("ordersTable"),
  ]);
  return (
    <details className="mt-6 text-sm">
      <summary className="cursor-pointer font-medium text-slate-700">{t("title")}</summary>
      <dl className="mt-3 grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
        {(Object.keys(orderStatusTones) as OrderStatus[]).map((status) => (
          <div key={status} className="contents">
            <dt>
              <OrderStatusBadge status={status} label={tTable(`statuses.${status}`)} />
            </dt>
            <dd className="text-slate-700">{t(`meanings.${status}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
