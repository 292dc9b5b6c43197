import type { OrderStatus } from "@/db/schema/orders";

// Every status an order can have, for filters and forms, which never import db/ themselves;
// the schema owns the list, as it is the database's enum.
export { orderStatuses } from "@/db/schema/orders";

// The only ways an order's status may change. Stripe's events and sellers' clicks both go
// through here, so a late or repeated event can never move an order backwards.
const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  // A refund can be the first event we see of a payment when Stripe delivers out of order.
  pending_payment: ["paid", "expired", "payment_failed", "cancelled", "refunded"],
  paid: ["shipped", "delivered", "cancelled", "refunded"],
  shipped: ["delivered", "refunded"],
  delivered: ["refunded"],
  // A fresh payment link re-opens an order whose checkout expired or whose payment failed;
  // and money that arrives after we gave up on the checkout (a webhook we missed, found by
  // reconciliation, or one that came late) still pays it — or its refund is what arrives first.
  expired: ["pending_payment", "paid", "refunded"],
  payment_failed: ["pending_payment", "paid", "refunded"],
  cancelled: ["refunded"],
  refunded: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}

/** Statuses in which the order still holds stock it has not paid for. */
export function holdsUnpaidStock(status: OrderStatus): boolean {
  return status === "pending_payment";
}

/** An order that was paid, and what became of it (unpaid cancellations included). */
export const paidAndLater = ["paid", "shipped", "delivered", "cancelled", "refunded"] as const;
