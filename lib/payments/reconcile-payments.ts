import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { desc, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema/platform";
import { recordAudit } from "@/lib/platform/record-audit";
import { type User } from "@/db/schema/users";
import { logger } from "@/lib/platform/logger";
import { assertAdmin } from "@/lib/auth/admin-only";
import { lockOrder } from "@/lib/orders/transition-order";
import { markPaid } from "./mark-paid";

/** What one reconciliation run found and fixed. */
export interface ReconcileReport {
  /** Paid Checkout Sessions Stripe listed for the window. */
  checked: number;
  /** Orders that were not recorded as paid and now are. */
  repaired: Array<{ orderNumber: number; sessionId: string }>;
  /** Paid sessions that name no order of ours (another app on the account, or a deleted one). */
  unknown: string[];
}

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Asks Stripe for the Checkout Sessions completed in the last `windowSeconds` (24 h) and
 * records any paid one whose order we do not have as paid: the guard against a webhook that
 * never arrived (endpoint misconfigured, secret rotated, an outage longer than Stripe's
 * retries). Uses the webhook's own effect, so a session is only ever paid once whichever
 * gets there first, and running it in several app copies at once is harmless.
 */
export async function reconcilePayments(
  db: Database,
  stripe: Stripe,
  { windowSeconds = DAY_SECONDS, now = new Date() } = {},
): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, repaired: [], unknown: [] };
  const since = Math.floor(now.getTime() / 1000) - windowSeconds;
  const sessions = stripe.checkout.sessions.list({
    status: "complete",
    created: { gte: since },
    limit: 100,
  });
  for await (const session of sessions) {
    if (session.payment_status !== "paid") continue;
    report.checked += 1;
    const orderId = session.metadata?.order_id ?? session.client_reference_id;
    if (!orderId) {
      report.unknown.push(session.id);
      continue;
    }
    const outcome = await db.transaction(async (tx) => {
      if (!(await lockOrder(tx, orderId))) return "unknown" as const;
      return markPaid(tx, session, "payment found by reconciliation; its webhook never arrived");
    });
    if (outcome === "unknown") report.unknown.push(session.id);
    else if (outcome)
      report.repaired.push({ orderNumber: outcome.shopNumber, sessionId: session.id });
  }
  if (report.repaired.length > 0 || report.unknown.length > 0) {
    await recordAudit(db, {
      action: "payments.reconciled",
      targetType: "stripe",
      data: report,
    });
  }
  logger.info(
    {
      event: "reconcile.result",
      checked: report.checked,
      repaired: report.repaired.length,
      unknown: report.unknown.length,
    },
    report.repaired.length > 0 ? "reconciliation repaired missed payments" : "reconciliation ok",
  );
  return report;
}

/** The latest runs that repaired something (or met foreign sessions), for admins. */
export async function recentReconciliations(db: Database, actor: User, limit = 5) {
  assertAdmin(actor);
  const rows = await db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, "payments.reconciled"))
    .orderBy(desc(auditLog.createdAt))
    .limit(limit);
  return rows.map((row) => ({ at: row.createdAt, report: row.data as ReconcileReport }));
}

/** "Check now" on the Monitoring page: admins only (anyone else is refused, `forbidden`). */
export async function reconcileNow(db: Database, stripe: Stripe, actor: User) {
  assertAdmin(actor);
  return reconcilePayments(db, stripe);
}
