import Link from "next/link";
import {
  createColumnHelper,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
} from "@tanstack/react-table";
import type { OrderStatus } from "@/db/schema/orders";
import { OrderStatusBadge } from "./order-status-badge";

/**
 * One order as the table shows it: date, total and status come formatted and translated from
 * the server, so the browser needs no i18n or formatting code.
 */
export interface OrderRow {
  id: string;
  number: number;
  date: string;
  buyer: string;
  email: string;
  items: string;
  total: string;
  status: string;
  /** The status itself, which picks the badge's colour. */
  statusCode: OrderStatus;
  /** The seller's shop, shown to admins only (every shop's orders are in their list). */
  shop: string;
}

// Column ids are the sort keys the server understands.
export const columnIds = [
  "number",
  "shop",
  "createdAt",
  "buyer",
  "items",
  "total",
  "status",
] as const;
export type OrdersColumnId = (typeof columnIds)[number];
export type SortableColumnId = Exclude<OrdersColumnId, "items" | "shop">;

/**
 * The table's texts, translated on the server for this view. `selected` ({count}) and
 * `bulkResult` ({changed}, {skipped}) are templates: their numbers exist only in the browser.
 */
export interface OrdersTableLabels {
  headers: Record<OrdersColumnId, string>;
  sortBy: Record<SortableColumnId, string>;
  select: string;
  selectAll: string;
  selected: string;
  bulkShipped: string;
  bulkDelivered: string;
  bulkResult: string;
  none: string;
  /** The table's name, for the keyboard stop around it. */
  label: string;
  /** "Page 2 of 3" and "1,204 orders" for the rows shown. */
  page: string;
  shown: string;
  perPage: string;
  previous: string;
  next: string;
}

export const features = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  rowSelectionFeature,
});
const helper = createColumnHelper<typeof features, OrderRow>();

/**
 * A checkbox to pick rows for the bulk actions, then one column per order field; the shop's
 * only for an admin, whose list spans every shop.
 */
export function ordersColumns(labels: OrdersTableLabels, { showShop = false } = {}) {
  const shop = helper.accessor("shop", { header: labels.headers.shop, enableSorting: false });
  return helper.columns([
    helper.display({
      id: "select",
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label={labels.selectAll}
          checked={table.getIsAllPageRowsSelected()}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
          className="size-4"
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={`${labels.select} #${row.original.number}`}
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
          className="size-4"
        />
      ),
    }),
    helper.accessor("number", {
      header: labels.headers.number,
      cell: (info) => (
        <Link
          href={`/orders/${info.row.original.id}`}
          className="font-medium text-brand-700 hover:underline"
        >
          #{info.getValue()}
        </Link>
      ),
    }),
    ...(showShop ? [shop] : []),
    helper.accessor("date", { id: "createdAt", header: labels.headers.createdAt }),
    helper.accessor("buyer", {
      header: labels.headers.buyer,
      cell: (info) => (
        <span>
          {info.getValue()}
          <span className="block text-xs text-slate-500">{info.row.original.email}</span>
        </span>
      ),
    }),
    helper.accessor("items", { header: labels.headers.items, enableSorting: false }),
    helper.accessor("total", { header: labels.headers.total }),
    helper.accessor("status", {
      header: labels.headers.status,
      cell: (info) => (
        <OrderStatusBadge status={info.row.original.statusCode} label={info.getValue()} />
      ),
    }),
  ]);
}
