import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type Stripe from "stripe";
import { queryRows, type Database } from "@/db/client";
import { issueInvoiceJob } from "@/lib/invoices/issue-invoice";
import { orderPaidBuyerNotice } from "@/lib/orders/buyer-notices";
import { orderPaidSellerNotice } from "@/lib/orders/seller-notices";
import { addLogFields } from "@/lib/platform/request-context";
import { isUuid } from "@/lib/platform/uuid";
import { orderIdOfSession, paymentIntentId } from "./session-order";

/**
 * A statement to run with the payment, given the condition "the payment was applied" (an
 * inbox row marked done when the order was paid): `with paid as (…)` is in scope.
 */
export type AlongWithPayment = (applied: SQL) => SQLWrapper;

/**
 * The common case of a payment event, done in one statement: an order waiting for payment
 * paid through one of its own sessions with its amount and currency, by an event not applied
 * before. The order becomes paid with its timeline entry, the event id is recorded and the
 * buyer's and seller's notices and the invoice are queued, exactly as markPaid does, and
 * `along` (the inbox row marked done) in the same statement, so in the effect's transaction.
 * Answers false, having written nothing, for every other case (a foreign session, another
 * amount, a late payment, an order paid already …): handleStripeEvent then decides, with its
 * row lock and its flags.
 *
 * Why one statement: a paid order otherwise takes seven round trips (begin, event id, lock,
 * transition, timeline, jobs, commit) plus marking the row done, and a promotion's payments
 * arrive by the hundred a second. The UPDATE takes the order's row lock and checks the state
 * under it (PostgreSQL re-reads a row changed meanwhile), so a concurrent markPaid or
 * cancellation serialises with it as with lockOrder.
 */
export async function payInOneStatement(
  db: Database,
  event: Stripe.Event,
  along?: AlongWithPayment,
): Promise<boolean> {
  const session = event.data.object as Stripe.Checkout.Session;
  const paysNow =
    event.type === "checkout.session.async_payment_succeeded" ||
    (event.type === "checkout.session.completed" &&
      (session.payment_status === "paid" || session.payment_status === "no_payment_required"));
  const orderId = orderIdOfSession(session);
  if (!paysNow || !orderId || !isUuid(orderId) || session.amount_total == null) return false;
  const jobs = [
    orderPaidBuyerNotice.of({ orderId }),
    orderPaidSellerNotice.of({ orderId }),
    issueInvoiceJob.of({ orderId }),
  ].map((job) => ({
    kind: job.kind,
    payload: job.payload,
    dedupe_key: job.dedupeKey,
    ordering_key: job.orderingKey ?? null,
  }));
  const now = new Date().toISOString();
  const alongPaid = along
    ? sql`, along as (${along(sql`exists (select 1 from paid)`).getSQL()})`
    : sql``;
  const rows = await queryRows<{ id: string; seller_id: string }>(
    db,
    sql`
    with paid as (
      update orders
      set status = 'paid', paid_at = ${now}, updated_at = ${now},
        stripe_payment_intent_id = ${paymentIntentId(session.payment_intent) ?? null}
      where id = ${orderId} and status = 'pending_payment'
        and total_amount_minor = ${session.amount_total}
        and currency::text = ${session.currency?.toUpperCase() ?? ""}
        and (stripe_checkout_session_id = ${session.id} or exists (
          select 1 from checkout_sessions where id = ${session.id} and order_id = orders.id))
        and not exists (select 1 from stripe_events where id = ${event.id})
      returning id, seller_id
    ), recorded as (
      insert into stripe_events (id, type) select ${event.id}, ${event.type} from paid
    ), timeline as (
      insert into order_events (order_id, from_status, to_status, actor_kind)
      select id, 'pending_payment', 'paid', 'stripe' from paid
    ), jobs as (
      insert into outbox (kind, payload, dedupe_key, ordering_key)
      select job.kind, job.payload, job.dedupe_key, job.ordering_key
      from paid, jsonb_to_recordset(${JSON.stringify(jobs)}::jsonb)
        as job(kind text, payload jsonb, dedupe_key text, ordering_key text)
      on conflict (dedupe_key) do nothing
    )${alongPaid}
    select id, seller_id from paid`,
  );
  const [paid] = rows;
  if (!paid) return false;
  addLogFields({ orderId: paid.id, sellerId: paid.seller_id });
  return true;
}
