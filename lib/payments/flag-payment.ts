import { and, eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { monitorEvents } from "@/db/schema/monitoring";
import type { Order } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { enqueue } from "@/lib/jobs/outbox";
import { logger } from "@/lib/platform/logger";
import type { MonitorEventInput } from "@/lib/platform/monitor-events";
import { paymentFlaggedAlert, type PaymentFlagReason } from "./payment-flag-alert";
import { paymentIntentId } from "./session-order";

/**
 * Records a payment the order cannot take as it is, in the transaction of the Stripe event:
 * a monitor event for the Monitoring page and an alert to every admin in Telegram. Once per
 * session and reason, as reconciliation meets the same session every quarter hour for a day.
 * The event itself counts as handled: Stripe retrying it would find the same problem.
 */
export async function flagPayment(
  tx: Database,
  order: Order,
  session: Stripe.Checkout.Session,
  reason: PaymentFlagReason,
) {
  const [already] = await tx
    .select({ id: monitorEvents.id })
    .from(monitorEvents)
    .where(
      and(
        eq(monitorEvents.kind, "payment_flag"),
        sql`${monitorEvents.detail}->>'sessionId' = ${session.id}`,
        sql`${monitorEvents.detail}->>'reason' = ${reason}`,
      ),
    )
    .limit(1);
  if (already) return;
  const detail = {
    reason,
    orderId: order.id,
    orderNumber: order.shopNumber,
    sessionId: session.id,
    paymentIntentId: paymentIntentId(session.payment_intent),
    paidMinor: session.amount_total ?? 0,
    paidCurrency: (session.currency ?? "?").toUpperCase(),
  };
  const event = { kind: "payment_flag", source: "stripe", detail } satisfies MonitorEventInput;
  await tx.insert(monitorEvents).values(event);
  const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin"));
  await enqueue(
    tx,
    ...admins.map((admin) => paymentFlaggedAlert.of({ ...detail, userId: admin.id })),
  );
  logger.warn(
    { event: "payment.flagged", ...detail, orderStatus: order.status },
    `payment not applied to its order: ${reason}`,
  );
}
