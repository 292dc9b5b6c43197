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
import { isAdmin } from "@/lib/auth/admin-only";
import { requireUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import {
  activeFilterCount,
  listOrders,
  readOrderListQuery,
  type OrderListQuery,
} from "@/lib/orders/list-orders";
import { listShops } from "@/lib/orders/shops";
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
  // An admin's list spans every shop: it names them, filters by them, and says so.
  const admin = isAdmin(user);
  const [t, tTable, tApp, shops] = await Promise.all([
    getTranslations("orders"),
    getTranslations("ordersTable"),
    getTranslations("app"),
    admin ? listShops(await database(), user) : undefined,
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
        <PageHeader
          title={t("title")}
          description={admin ? t("descriptionAdmin") : t("description")}
        />
        <a href={`/orders/export?${exportParams.toString()}`} className={secondaryButton}>
          {admin ? tTable("exportAdmin") : tTable("export")}
        </a>
      </div>
      <OrderFilters query={query} problems={problems} shops={shops} />
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
  const admin = isAdmin(user);
  const result = await listOrders(await database(), user, query);
  const [labels, rows, t, tTable] = await Promise.all([
    ordersTableLabels({ page: query.page, pageCount: result.pageCount, total: result.total }),
    ordersTableRows(result.orders),
    getTranslations("orders"),
    getTranslations("ordersTable"),
  ]);
  // Nothing at all yet says where orders come from; nothing in a filtered view says so.
  const none =
    activeFilterCount(query) === 0
      ? t(admin ? "emptyBodyAdmin" : "emptyBody")
      : tTable(admin ? "noneAdmin" : "none");
  return (
    <OrdersTable
      labels={{ ...labels, none }}
      showShop={admin}
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
