"use client";

import { useActionState } from "react";
import { fillTemplate } from "@/components/i18n/fill-template";
import type { OrdersTableLabels } from "./orders-columns";

export interface BulkState {
  changed?: number;
  skipped?: number;
}

/** How many orders are ticked, and the two steps that apply to all of them at once. */
export function OrdersBulkBar({
  labels,
  action,
  selectedIds,
  onSubmit,
}: {
  labels: OrdersTableLabels;
  action: (state: BulkState, form: FormData) => Promise<BulkState>;
  selectedIds: string[];
  /** Clears the ticks: once sent, the rows may have changed status. */
  onSubmit: () => void;
}) {
  const [bulk, bulkFormAction, bulkPending] = useActionState(action, {});
  // On a phone the bar waits for a ticked card (or shows the last result): idle, it would
  // only push the orders down.
  const idle = selectedIds.length === 0 && bulk.changed === undefined;
  return (
    <form
      action={(form) => {
        bulkFormAction(form);
        onSubmit();
      }}
      className={`${idle ? "hidden md:flex" : "flex"} flex-wrap items-center gap-2 text-sm`}
    >
      {selectedIds.map((id) => (
        <input key={id} type="hidden" name="orderId" value={id} />
      ))}
      <span className="text-slate-600">
        {fillTemplate(labels.selected, { count: selectedIds.length })}
      </span>
      {(["shipped", "delivered"] as const).map((to) => (
        <button
          key={to}
          name="to"
          value={to}
          disabled={bulkPending || selectedIds.length === 0}
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
  );
}
