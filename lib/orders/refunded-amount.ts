import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditLog } from "@/db/schema/platform";

/** The audit action Stripe's charge.refunded leaves for the order's own payment. */
export const refundRecordedAction = "order.refund_recorded";

/**
 * How much of the order's payment Stripe has given back so far, in minor units. The orders
 * table has no column for it, so it is read from the audit entries charge.refunded leaves:
 * each carries the charge's cumulative `amount_refunded`, so the largest is the latest, whatever
 * order Stripe delivered the events in.
 */
export async function refundedAmount(db: Database, orderId: string): Promise<number> {
  const [row] = await db
    .select({
      refunded: sql<string | null>`max((${auditLog.data}->>'amountRefunded')::bigint)`,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, refundRecordedAction),
        eq(auditLog.targetType, "order"),
        eq(auditLog.targetId, orderId),
      ),
    );
  return Number(row?.refunded ?? 0);
}

/** The seller's last refund request for the order: whether they chose to tell the buyer. */
export async function lastRefundRequestTellsBuyer(db: Database, orderId: string) {
  const [row] = await db
    .select({ notifyBuyer: sql<boolean | null>`(${auditLog.data}->>'notifyBuyer')::boolean` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, "order.refund_requested"),
        eq(auditLog.targetType, "order"),
        eq(auditLog.targetId, orderId),
      ),
    )
    .orderBy(sql`${auditLog.id} desc`)
    .limit(1);
  // Refunds made in Stripe's dashboard, and requests from before the choice existed: told.
  return row?.notifyBuyer ?? true;
}
