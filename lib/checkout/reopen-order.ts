import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema/orders";
import { AppError } from "@/lib/platform/app-error";
import { isUuid } from "@/lib/platform/uuid";
import { reserveStock } from "@/lib/orders/stock";
import { lockOrder, transitionOrder } from "@/lib/orders/transition-order";
import { nextAttempt } from "./checkout-attempt";
import { replaceOpenOrders, takeBuyerProductTurn } from "./replace-open-orders";

/**
 * Re-opens an order whose checkout expired or whose payment failed, so the buyer gets a fresh
 * link for the same order number, if the stock is still there. Like a new Confirm, it replaces
 * the buyer's other open order of the product (replace-open-orders.ts). `reopened` says whether
 * this call re-opened it, or found it open already (a second tap on the same button).
 */
export async function reopenOrder(db: Database, orderId: string, buyerTelegramId: number) {
  return db.transaction(async (tx) => {
    // Who and what it is for never change: read without a lock, to take the buyer's turn first.
    const found = isUuid(orderId)
      ? await tx.query.orders.findFirst({ where: eq(orders.id, orderId) })
      : undefined;
    if (!found || found.buyerTelegramId !== buyerTelegramId)
      throw new AppError("not_found", "order");
    const owner = { buyerTelegramId, productId: found.productId };
    await takeBuyerProductTurn(tx, owner);
    const order = await lockOrder(tx, orderId);
    if (!order) throw new AppError("not_found", "order");
    if (order.status === "pending_payment") return { order, reopened: false };
    if (order.status !== "expired" && order.status !== "payment_failed") {
      throw new AppError("conflict", "transition", { from: order.status, to: "pending_payment" });
    }
    await replaceOpenOrders(tx, owner, order.id);
    if (!(await reserveStock(tx, order.productId, order.quantity))) {
      throw new AppError("unavailable", "sold_out");
    }
    const reopened = await transitionOrder(
      tx,
      order,
      "pending_payment",
      { kind: "buyer" },
      nextAttempt(order),
    );
    return { order: reopened, reopened: true };
  });
}
