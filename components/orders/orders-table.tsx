"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useActionState, useState, useTransition } from "react";
import type { BulkState } from "@/app/(dashboard)/orders/actions";
import { fillTemplate } from "@/components/i18n/fill-template";
import {
  createColumnHelper,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type PaginationState,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";

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
}

// Column ids are the sort keys the server understands.
const columnIds = ["number", "createdAt", "buyer", "items", "total", "status"] as const;
export type OrdersColumnId = (typeof columnIds)[number];
type SortableColumnId = Exclude<OrdersColumnId, "items">;

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
  /** "Page 2 of 3" and "1,204 orders" for the rows shown. */
  page: string;
  shown: string;
  perPage: string;
  previous: string;
  next: string;
}

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature, rowSelectionFeature });
const helper = createColumnHelper<typeof features, OrderRow>();

/**
 * The orders table: TanStack Table in manual mode. The server sorted, filtered and paged the
 * rows; every change of sorting or page becomes a new URL, so views can be shared and the
 * back button works.
 */
export function OrdersTable({
  labels,
  bulkAction,
  rows,
  total,
  pageCount,
  page,
  size,
  sort,
  dir,
}: {
  labels: OrdersTableLabels;
  bulkAction: (state: BulkState, form: FormData) => Promise<BulkState>;
  rows: OrderRow[];
  total: number;
  pageCount: number;
  page: number;
  size: number;
  sort: string;
  dir: "asc" | "desc";
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  // The server renders the next view; meanwhile the current one dims so the click visibly took.
  const [loading, startLoading] = useTransition();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [bulk, bulkFormAction, bulkPending] = useActionState(bulkAction, {});

  const navigate = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    startLoading(() => router.push(`${pathname}?${next.toString()}`));
  };

  const sorting: SortingState = [{ id: sort, desc: dir === "desc" }];
  const pagination: PaginationState = { pageIndex: page - 1, pageSize: size };
  const resolve = <T,>(updater: Updater<T>, current: T) =>
    typeof updater === "function" ? (updater as (old: T) => T)(current) : updater;

  const columns = helper.columns([
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
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
          {info.getValue()}
        </span>
      ),
    }),
  ]);

  const table = useTable({
    features,
    columns,
    data: rows,
    rowCount: total,
    manualSorting: true,
    manualPagination: true,
    getRowId: (row) => row.id,
    state: { sorting, pagination, rowSelection },
    onRowSelectionChange: setRowSelection,
    onSortingChange: (updater) => {
      const [next] = resolve(updater, sorting);
      navigate({
        sort: next?.id ?? "createdAt",
        dir: next?.desc === false ? "asc" : "desc",
        page: undefined,
      });
    },
    onPaginationChange: (updater) => {
      const next = resolve(updater, pagination);
      navigate({ page: String(next.pageIndex + 1), size: String(next.pageSize) });
    },
  });

  return (
    <div className="space-y-3" aria-busy={loading}>
      <form
        action={(form) => {
          bulkFormAction(form);
          setRowSelection({});
        }}
        className="flex flex-wrap items-center gap-2 text-sm"
      >
        {Object.keys(rowSelection).map((id) => (
          <input key={id} type="hidden" name="orderId" value={id} />
        ))}
        <span className="text-slate-600">
          {fillTemplate(labels.selected, { count: Object.keys(rowSelection).length })}
        </span>
        {(["shipped", "delivered"] as const).map((to) => (
          <button
            key={to}
            name="to"
            value={to}
            disabled={bulkPending || Object.keys(rowSelection).length === 0}
            className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-40"
          >
            {to === "shipped" ? labels.bulkShipped : labels.bulkDelivered}
          </button>
        ))}
        {bulk.changed !== undefined ? (
          <span role="status" className="text-emerald-800">
            {fillTemplate(labels.bulkResult, { changed: bulk.changed, skipped: bulk.skipped ?? 0 })}
          </span>
        ) : null}
      </form>
      <div
        className={`overflow-x-auto rounded-xl border border-slate-200 bg-white transition-opacity ${loading ? "opacity-50" : ""}`}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className="px-4 py-3"
                      aria-sort={
                        sorted === "asc"
                          ? "ascending"
                          : sorted === "desc"
                            ? "descending"
                            : undefined
                      }
                    >
                      {header.column.getCanSort() &&
                      columnIds.includes(header.column.id as never) ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500"
                          title={labels.sortBy[header.column.id as SortableColumnId]}
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="whitespace-nowrap px-4 py-3">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <p className="px-4 py-8 text-center text-sm text-slate-500">{labels.none}</p>
        ) : null}
      </div>
      <nav
        aria-label={labels.page}
        className="flex flex-wrap items-center justify-between gap-3 text-sm"
      >
        <span className="text-slate-600">
          {labels.shown} · {labels.page}
        </span>
        <span className="flex items-center gap-2">
          <label className="flex items-center gap-1 text-slate-600">
            {labels.perPage}
            <select
              value={size}
              onChange={(event) => table.setPageSize(Number(event.target.value))}
              className="rounded border border-slate-300 px-1 py-0.5"
            >
              {[10, 25, 50, 100].map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => table.previousPage()}
            disabled={page <= 1}
            className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40"
          >
            {labels.previous}
          </button>
          <button
            type="button"
            onClick={() => table.nextPage()}
            disabled={page >= pageCount}
            className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40"
          >
            {labels.next}
          </button>
        </span>
      </nav>
    </div>
  );
}
