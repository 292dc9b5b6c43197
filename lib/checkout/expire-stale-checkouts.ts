import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema/orders";
import { lockOrder, transitionOrder } from "@/lib/orders/transition-order";
import { releaseStock } from "@/lib/orders/stock";
import { enqueue } from "@/lib/jobs/outbox";
import { orderExpiredBuyerNotice } from "@/lib/orders/buyer-notices";

/**
 * Gives back stock held by checkouts that will never be paid, when Stripe's own
 * checkout.session.expired cannot do it: the session was never created (Stripe was down at
 * Confirm and the buyer walked away), or its expiry event is long overdue. Returns how many
 * orders it expired.
 */
export async function expireStaleCheckouts(db: Database): Promise<number> {
  const stale = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.status, "pending_payment"),
        or(
          // Stripe delivers the expiry within minutes; a quarter of an hour late means lost.
          lt(orders.checkoutExpiresAt, sql`now() - interval '15 minutes'`),
          and(
            isNull(orders.stripeCheckoutSessionId),
            lt(orders.updatedAt, sql`now() - interval '1 hour'`),
          ),
        ),
      ),
    )
    .limit(100);
  let expired = 0;
  for (const { id } of stale) {
    expired += await db.transaction(async (tx) => {
      const order = await lockOrder(tx, id);
      if (!order || order.status !== "pending_payment") return 0;
      await transitionOrder(tx, order, "expired", { kind: "system" }, {}, "checkout abandoned");
      await releaseStock(tx, order);
      const variant = order.stripeCheckoutSessionId ?? `attempt-${order.checkoutAttempt}`;
      await enqueue(tx, orderExpiredBuyerNotice.of({ orderId: order.id, variant }));
      return 1;
    });
  }
  return expired;
}
