import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cardFrame } from "@/components/ui/card";
import { activeFilterCount, type OrderListQuery } from "@/lib/orders/list-orders";
import type { FieldErrors } from "@/lib/platform/app-error";
import { orderStatuses } from "@/lib/orders/order-status";
import { compactInput } from "@/components/ui/field-styles";
import { FiltersDisclosure } from "./filters-disclosure";

// The fields whose typed value can be refused, by their label's key.
const filterLabels: Record<string, "from" | "to" | "search" | "shopFilter"> = {
  from: "from",
  to: "to",
  q: "search",
  shop: "shopFilter",
};

/**
 * The table's filters as a plain GET form: the view lives in the URL, works without
 * JavaScript, and a filtered view can be bookmarked or shared. A filter that could not be
 * applied (`problems`, e.g. a date that does not exist) is named above the form. `shops` is
 * the admin's list of sellers to filter by; sellers get none, and no Shop filter.
 */
export async function OrderFilters({
  query,
  problems = {},
  shops,
}: {
  query: OrderListQuery;
  problems?: FieldErrors;
  shops?: Array<{ id: string; name: string }>;
}) {
  const t = await getTranslations("ordersTable");
  const status = query.status?.length === 1 ? query.status[0] : "";
  const refused = Object.entries(problems).filter(([field]) => filterLabels[field]);
  return (
    <FiltersDisclosure
      label={t("filters", { count: activeFilterCount(query) })}
      defaultOpen={refused.length > 0}
    >
      <form method="get" className={`flex flex-wrap items-end gap-3 p-4 ${cardFrame}`}>
        {refused.length > 0 ? (
          <div role="alert" className="w-full rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700">
            {refused.map(([field, problem]) => (
              <p key={field}>
                {t("filterIgnored", {
                  field: t(filterLabels[field]!),
                  problem: t(`filterErrors.${problem?.key ?? "invalidDate"}`),
                })}
              </p>
            ))}
          </div>
        ) : null}
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <input type="hidden" name="size" value={query.size} />
        <label className="text-sm font-medium text-slate-700">
          {t("search")}
          <input
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            aria-invalid={Boolean(problems.q)}
            placeholder={t("searchPlaceholder")}
            className={`${compactInput} w-full sm:w-64`}
          />
        </label>
        {shops ? (
          <label className="text-sm font-medium text-slate-700">
            {t("shopFilter")}
            <select
              name="shop"
              defaultValue={query.shop ?? ""}
              aria-invalid={Boolean(problems.shop)}
              className={compactInput}
            >
              <option value="">{t("allShops")}</option>
              {shops.map((shop) => (
                <option key={shop.id} value={shop.id}>
                  {shop.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="text-sm font-medium text-slate-700">
          {t("statusFilter")}
          <select name="status" defaultValue={status} className={compactInput}>
            <option value="">{t("allReal")}</option>
            {orderStatuses.map((value) => (
              <option key={value} value={value}>
                {t(`statuses.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          {t("from")}
          <input
            name="from"
            type="date"
            defaultValue={query.from ?? ""}
            aria-invalid={Boolean(problems.from)}
            className={compactInput}
          />
        </label>
        <label className="text-sm font-medium text-slate-700">
          {t("to")}
          <input
            name="to"
            type="date"
            defaultValue={query.to ?? ""}
            aria-invalid={Boolean(problems.to)}
            className={compactInput}
          />
        </label>
        {query.product ? <input type="hidden" name="product" value={query.product} /> : null}
        {query.channel ? <input type="hidden" name="channel" value={query.channel} /> : null}
        <button
          type="submit"
          className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500"
        >
          {t("apply")}
        </button>
        <Link href="/orders" className="px-2 py-2 text-sm text-slate-600 hover:underline">
          {t("reset")}
        </Link>
      </form>
    </FiltersDisclosure>
  );
}
