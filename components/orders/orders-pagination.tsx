import type { OrdersTableLabels } from "./orders-columns";

const pageButton = "rounded border border-slate-300 px-3 py-1 disabled:opacity-40";

/** Which page of how many, the page size, and the steps back and forth. */
export function OrdersPagination({
  labels,
  page,
  pageCount,
  size,
  onSizeChange,
  onPrevious,
  onNext,
}: {
  labels: OrdersTableLabels;
  page: number;
  pageCount: number;
  size: number;
  onSizeChange: (size: number) => void;
  onPrevious: () => void;
  onNext: () => void;
}) {
  return (
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
            onChange={(event) => onSizeChange(Number(event.target.value))}
            className="rounded border border-slate-300 px-1 py-0.5"
          >
            {[10, 25, 50, 100].map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={onPrevious} disabled={page <= 1} className={pageButton}>
          {labels.previous}
        </button>
        <button type="button" onClick={onNext} disabled={page >= pageCount} className={pageButton}>
          {labels.next}
        </button>
      </span>
    </nav>
  );
}
