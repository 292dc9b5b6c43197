import type { OrderStatus } from "@/db/schema/orders";
import { Badge } from "@/components/ui/badge";

/**
 * One colour per order status, so what needs doing stands out in a list: amber for paid (it
 * waits for shipping), blue while the money is on its way or the parcel is, green when it
 * arrived, red when a payment failed, violet for money that went back, grey for closed. Every
 * pair passes WCAG AA for small text (4.5:1; order-status-badge.test.ts computes each from
 * Tailwind's palette). The colour is never the only signal: the badge's text names the status.
 */
export const orderStatusTones: Record<OrderStatus, string> = {
  pending_payment: "bg-sky-100 text-sky-900",
  paid: "bg-amber-100 text-amber-900",
  shipped: "bg-indigo-100 text-indigo-800",
  delivered: "bg-emerald-100 text-emerald-800",
  refunded: "bg-violet-100 text-violet-800",
  payment_failed: "bg-red-100 text-red-800",
  cancelled: "bg-slate-200 text-slate-800",
  expired: "bg-stone-100 text-stone-700",
};

/** An order's status as a coloured pill; `data-status` lets a legend and tests find it. */
export function OrderStatusBadge({ status, label }: { status: OrderStatus; label: string }) {
  return (
    <Badge
      tone="plain"
      data-status={status}
      className={`font-semibold ${orderStatusTones[status]}`}
    >
      {label}
    </Badge>
  );
}
