import Link from "next/link";
import type { Row } from "@tanstack/react-table";
import { cardFrame } from "@/components/ui/card";
import type { features, OrderRow, OrdersTableLabels } from "./orders-columns";
import { OrderStatusBadge } from "./order-status-badge";

/**
 * The table's rows as stacked cards, for a phone: seven columns do not fit 390 px, and the
 * ones cut off (total, status) are the ones a seller looks for. Same rows, same selection as
 * the table; only the layout differs. The card is the link to the order; the checkbox sits
 * beside it, since a control inside a link is neither valid nor reachable on its own.
 */
export function OrderCards({
  labels,
  rows,
  showShop,
}: {
  labels: OrdersTableLabels;
  rows: Array<Row<typeof features, OrderRow>>;
  showShop: boolean;
}) {
  return (
    <ul className="space-y-2" aria-label={labels.shown}>
      {rows.map((row) => {
        const order = row.original;
        return (
          <li
            key={row.id}
            data-testid="order-card"
            className={`flex items-start gap-3 p-3 ${cardFrame}`}
          >
            <input
              type="checkbox"
              aria-label={`${labels.select} #${order.number}`}
              checked={row.getIsSelected()}
              onChange={row.getToggleSelectedHandler()}
              className="mt-1 size-5 shrink-0"
            />
            <Link
              href={`/orders/${order.id}`}
              className="min-w-0 flex-1 rounded focus-visible:outline-2 focus-visible:outline-brand-500"
            >
              <span className="flex items-baseline justify-between gap-2">
                <span className="font-semibold text-brand-700">#{order.number}</span>
                <span className="font-semibold text-slate-900" data-testid="order-card-total">
                  {order.total}
                </span>
              </span>
              {showShop ? (
                <span className="block truncate text-xs font-medium text-slate-600">
                  {labels.headers.shop}: {order.shop}
                </span>
              ) : null}
              <span className="block truncate text-sm text-slate-900">{order.buyer}</span>
              <span className="block truncate text-sm text-slate-600">{order.items}</span>
              <span className="mt-1 flex items-center justify-between gap-2">
                <OrderStatusBadge status={order.statusCode} label={order.status} />
                <span className="text-xs text-slate-500">{order.date}</span>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
