import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema/orders";
import { checkoutSessions } from "@/db/schema/payments";
import { enqueue } from "@/lib/jobs/outbox";
import { releaseStock } from "@/lib/orders/stock";
import { transitionOrder } from "@/lib/orders/transition-order";
import { expireCheckoutSessionJob } from "@/lib/payments/expire-checkout-session";
import { replacedPayButtonJob } from "@/lib/orders/pay-message";

export interface BuyerProduct {
  buyerTelegramId: number;
  productId: string;
}

/**
 * Makes the buyer's checkouts of this product take turns until the transaction ends. Without
 * it, two Confirms at the same instant would each find no open order to replace and both
 * reserve. A lock per buyer and product (not the product's row) leaves other buyers of the
 * product as free as before: a promotion's thousands of Confirms do not queue behind it.
 * Taken first in every transaction that opens a reservation, so that it never waits while
 * holding an order's lock.
 */
export async function takeBuyerProductTurn(
  tx: Database,
  { buyerTelegramId, productId }: BuyerProduct,
) {
  const key = `open-order:${buyerTelegramId}:${productId}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/**
 * Gives up the buyer's open (unpaid, reserved) orders of this product, but `keep`, because a
 * newer checkout replaces them: each expires with its stock released, in the caller's
 * transaction (the one that reserves for the new checkout, after takeBuyerProductTurn), and
 * its Checkout Sessions are queued to be expired at Stripe so that they can no longer be paid.
 * One buyer can then hold one reservation per product, however often they confirm. Returns
 * the orders given up.
 */
export async function replaceOpenOrders(tx: Database, owner: BuyerProduct, keep?: string) {
  const open = await tx
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.buyerTelegramId, owner.buyerTelegramId),
        eq(orders.productId, owner.productId),
        eq(orders.status, "pending_payment"),
        keep ? ne(orders.id, keep) : undefined,
      ),
    )
    .for("update");
  const replaced = [];
  for (const order of open) {
    replaced.push(
      await transitionOrder(
        tx,
        order,
        "expired",
        { kind: "buyer" },
        {},
        "replaced by the buyer's newer checkout",
      ),
    );
    await releaseStock(tx, order);
    await enqueue(tx, ...(await sessionExpiries(tx, order)));
    // Its Pay button leads to a closed checkout now; the new message below has the live one.
    if (order.paymentMessageId != null) {
      await enqueue(
        tx,
        replacedPayButtonJob.of({ orderId: order.id, variant: String(order.paymentMessageId) }),
      );
    }
  }
  return replaced;
}

// Every session the order was given, not only its current one: an earlier attempt's may still
// be open for a minute after the next attempt was taken (start-checkout.ts).
async function sessionExpiries(
  tx: Database,
  order: { id: string; stripeCheckoutSessionId: string | null },
) {
  const ids = new Set(
    (
      await tx
        .select({ id: checkoutSessions.id })
        .from(checkoutSessions)
        .where(eq(checkoutSessions.orderId, order.id))
    ).map((row) => row.id),
  );
  if (order.stripeCheckoutSessionId) ids.add(order.stripeCheckoutSessionId);
  return [...ids].map((sessionId) => expireCheckoutSessionJob.of({ orderId: order.id, sessionId }));
}
