import type { Database } from "@/db/client";
import { AppError } from "@/lib/platform/app-error";
import { reserveStock } from "@/lib/orders/stock";
import { lockOrder, transitionOrder } from "@/lib/orders/transition-order";
import { nextAttempt } from "./checkout-attempt";

/**
 * Re-opens an order whose checkout expired or whose payment failed, so the buyer gets a fresh
 * link for the same order number, if the stock is still there.
 */
export async function reopenOrder(db: Database, orderId: string, buyerTelegramId: number) {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order || order.buyerTelegramId !== buyerTelegramId)
      throw new AppError("not_found", "order");
    if (order.status === "pending_payment") return order;
    if (order.status !== "expired" && order.status !== "payment_failed") {
      throw new AppError("conflict", "transition", { from: order.status, to: "pending_payment" });
    }
    if (!(await reserveStock(tx, order.productId, order.quantity))) {
      throw new AppError("unavailable", "sold_out");
    }
    return transitionOrder(tx, order, "pending_payment", { kind: "buyer" }, nextAttempt(order));
  });
}
