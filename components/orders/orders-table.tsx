"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import type { BulkState } from "@/components/orders/orders-bulk-bar";
import {
  useTable,
  type PaginationState,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { cardFrame } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import {
  columnIds,
  features,
  ordersColumns,
  type OrderRow,
  type OrdersTableLabels,
  type SortableColumnId,
} from "./orders-columns";
import { OrderCards } from "./order-cards";
import { OrdersBulkBar } from "./orders-bulk-bar";
import { OrdersPagination } from "./orders-pagination";

/**
 * The orders table: TanStack Table in manual mode. The server sorted, filtered and paged the
 * rows; every change of sorting or page becomes a new URL, so views can be shared and the
 * back button works. Below `md` the same rows show as stacked cards (a phone has no room for
 * seven columns); `showShop` adds the shop for an admin, whose list spans every shop.
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
  showShop = false,
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
  showShop?: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  // The server renders the next view; meanwhile the current one dims so the click visibly took.
  const [loading, startLoading] = useTransition();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});

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

  const table = useTable({
    features,
    columns: ordersColumns(labels, { showShop }),
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
      <OrdersBulkBar
        labels={labels}
        action={bulkAction}
        selectedIds={Object.keys(rowSelection)}
        onSubmit={() => setRowSelection({})}
      />
      <div className={`md:hidden transition-opacity ${loading ? "opacity-50" : ""}`}>
        {rows.length === 0 ? (
          <p className={`px-4 py-8 text-center text-sm text-slate-500 ${cardFrame}`}>
            {labels.none}
          </p>
        ) : (
          <OrderCards labels={labels} rows={table.getRowModel().rows} showShop={showShop} />
        )}
      </div>
      <Table
        label={labels.label}
        className={`hidden transition-opacity md:block ${loading ? "opacity-50" : ""}`}
        footer={
          rows.length === 0 ? (
            <p className="px-4 py-8 text-center text-sm text-slate-500">{labels.none}</p>
          ) : null
        }
      >
        <THead>
          {table.getHeaderGroups().map((group) => (
            <TR key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <TH
                    key={header.id}
                    aria-sort={
                      sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined
                    }
                  >
                    {header.column.getCanSort() && columnIds.includes(header.column.id as never) ? (
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
                  </TH>
                );
              })}
            </TR>
          ))}
        </THead>
        <TBody>
          {table.getRowModel().rows.map((row) => (
            <TR key={row.id}>
              {row.getAllCells().map((cell) => (
                <TD key={cell.id} className="whitespace-nowrap">
                  <table.FlexRender cell={cell} />
                </TD>
              ))}
            </TR>
          ))}
        </TBody>
      </Table>
      <OrdersPagination
        labels={labels}
        page={page}
        pageCount={pageCount}
        size={size}
        onSizeChange={(next) => table.setPageSize(next)}
        onPrevious={() => table.previousPage()}
        onNext={() => table.nextPage()}
      />
    </div>
  );
}
