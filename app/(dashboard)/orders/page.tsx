import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { OrderFilters } from "@/components/orders/order-filters";
import { OrdersTable } from "@/components/orders/orders-table";
import { StatusLegend } from "@/components/orders/status-legend";
import { ordersTableLabels, ordersTableRows } from "@/components/orders/orders-table-content";
import { secondaryButton } from "@/components/ui/button-styles";
import { PageHeader } from "@/components/ui/page-header";
import { ListSkeleton } from "@/components/ui/skeleton";
import type { User } from "@/db/schema/users";
import { requireUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { listOrders, readOrderListQuery, type OrderListQuery } from "@/lib/orders/list-orders";
import { bulkOrderAction } from "./actions";

export const generateMetadata = () => sectionMetadata("orders");

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const raw = await searchParams;
  const { query, problems } = readOrderListQuery(
    Object.fromEntries(
      Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
    ),
  );
  const [t, tTable, tApp] = await Promise.all([
    getTranslations("orders"),
    getTranslations("ordersTable"),
    getTranslations("app"),
  ]);
  // The export gets the view as shown: a filter the page could not apply is left out of it.
  const exportParams = new URLSearchParams(
    Object.entries(raw).flatMap(([key, value]) =>
      typeof value === "string" && value && !problems[key] ? [[key, value]] : [],
    ),
  );
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title={t("title")} description={t("description")} />
        <a href={`/orders/export?${exportParams.toString()}`} className={secondaryButton}>
          {tTable("export")}
        </a>
      </div>
      <OrderFilters query={query} problems={problems} />
      {/* Not keyed by the view: a new sort or page keeps the current rows, dimmed, until the
          next arrive (the table's transition), instead of flashing the skeleton. */}
      <Suspense fallback={<ListSkeleton label={tApp("loading")} rows={10} />}>
        <OrdersView user={user} query={query} />
      </Suspense>
      <StatusLegend />
    </>
  );
}

/** One page of orders for the current view, formatted for the table. */
async function OrdersView({ user, query }: { user: User; query: OrderListQuery }) {
  const result = await listOrders(await database(), user, query);
  const [labels, rows] = await Promise.all([
    ordersTableLabels({ page: query.page, pageCount: result.pageCount, total: result.total }),
    ordersTableRows(result.orders),
  ]);
  return (
    <OrdersTable
      labels={labels}
      bulkAction={bulkOrderAction}
      rows={rows}
      total={result.total}
      pageCount={result.pageCount}
      page={query.page}
      size={query.size}
      sort={query.sort}
      dir={query.dir}
    />
  );
}
