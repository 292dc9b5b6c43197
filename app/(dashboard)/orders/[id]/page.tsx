import { randomUUID } from "node:crypto";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { OrderActions } from "@/components/orders/order-actions";
import { ShipmentEditor } from "@/components/orders/shipment-editor";
import { RefundDialog } from "@/components/orders/refund-dialog";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { isAdmin } from "@/lib/auth/admin-only";
import { requireUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { findOrderInvoice, invoiceLabel } from "@/lib/invoices/find-invoice";
import { creditNoteLabel } from "@/lib/invoices/credit-note-label";
import { findOrderCreditNotes } from "@/lib/invoices/find-credit-note";
import { carrierLink } from "@/lib/orders/carrier-tracking";
import { findOrder, orderTimeline } from "@/lib/orders/find-order";
import { refundedAmount } from "@/lib/orders/refunded-amount";
import { findShopName } from "@/lib/orders/shops";
import { orderAction, refundAction, trackingAction } from "../actions";

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const db = await database();
  const order = await findOrder(db, user, (await params).id);
  if (!order) notFound();
  const [
    t,
    tRefund,
    tConfirm,
    tTable,
    format,
    timeline,
    invoice,
    creditNotes,
    refunded,
    locale,
    shop,
  ] = await Promise.all([
    getTranslations("orderPage"),
    getTranslations("refundDialog"),
    getTranslations("confirmAction"),
    getTranslations("ordersTable"),
    getFormatter(),
    orderTimeline(db, order.id),
    findOrderInvoice(db, user, order.id),
    findOrderCreditNotes(db, user, order.id),
    refundedAmount(db, order.id),
    getLocale(),
    // An admin sees every shop's orders: the page says whose this one is.
    isAdmin(user) ? findShopName(db, order.sellerId) : undefined,
  ]);
  const total = format.number(order.totalAmountMinor / 100, {
    style: "currency",
    currency: order.currency,
  });
  const money = (minor: number) =>
    format.number(minor / 100, { style: "currency", currency: order.currency });
  const remaining = order.totalAmountMinor - refunded;
  const canRefund =
    ["paid", "shipped", "delivered", "cancelled"].includes(order.status) &&
    Boolean(order.stripePaymentIntentId) &&
    remaining > 0;
  const partlyRefunded = refunded > 0 && order.status !== "refunded";
  // A parcel exists once the order has shipped; its number may have been left out at the time.
  const shipped = ["shipped", "delivered"].includes(order.status);
  const tracking = order.trackingNumber ? carrierLink(order.trackingNumber) : undefined;
  return (
    <>
      <Link href="/orders" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader
        title={t("title", { number: order.shopNumber })}
        description={
          partlyRefunded
            ? `${tTable(`statuses.${order.status}`)} · ${t("partlyRefunded")}`
            : tTable(`statuses.${order.status}`)
        }
      />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="mb-2 text-sm font-semibold text-slate-500">{t("contact")}</h2>
          <p className="font-medium">{order.contactName}</p>
          <p className="text-sm text-slate-600">{order.email}</p>
          <h2 className="mb-1 mt-4 text-sm font-semibold text-slate-500">{t("address")}</h2>
          <address className="text-sm not-italic">
            {order.addressStreet}
            <br />
            {order.addressPostcode} {order.addressCity}
            <br />
            {order.addressCountry}
          </address>
        </Card>
        <Card>
          {shop ? (
            <>
              <h2 className="mb-1 text-sm font-semibold text-slate-500">{t("shop")}</h2>
              <p className="mb-4 font-medium" data-testid="order-shop">
                {shop}
              </p>
            </>
          ) : null}
          <h2 className="mb-2 text-sm font-semibold text-slate-500">{t("items")}</h2>
          <p>
            {order.quantity} × {order.productTitle}
          </p>
          <p className="mt-1 text-lg font-semibold">{total}</p>
          {refunded > 0 ? (
            <p className="mt-1 text-sm text-slate-700" data-testid="refunded-so-far">
              {t("refundedSoFar", { refunded: money(refunded), total })}
            </p>
          ) : null}
          {invoice ? (
            <a
              href={`/orders/${order.id}/invoice`}
              className="mt-3 block text-sm font-medium text-brand-700 hover:underline"
            >
              {t("invoice", { invoice: invoiceLabel(invoice) })}
            </a>
          ) : order.paidAt ? (
            <p className="mt-3 text-sm text-slate-500">{t("invoicePending")}</p>
          ) : null}
          {invoice && creditNotes.length > 0 ? (
            <ul className="mt-1 space-y-1 text-sm" data-testid="credit-notes">
              {creditNotes.map((note) => (
                <li key={note.id}>
                  <a
                    href={`/orders/${order.id}/credit-notes/${note.id}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {t("creditNote", { creditNote: creditNoteLabel(note) })}
                  </a>{" "}
                  <span className="text-slate-600">
                    {t("creditNoteAmount", {
                      amount: money(note.totalAmountMinor),
                      invoice: invoiceLabel(invoice),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {order.stripePaymentIntentId ? (
            <a
              href={`https://dashboard.stripe.com/payments/${order.stripePaymentIntentId}`}
              className="mt-3 inline-block text-sm text-brand-700 hover:underline"
              target="_blank"
              rel="noreferrer"
            >
              {t("stripe")} ↗
            </a>
          ) : null}
        </Card>
      </div>
      {shipped ? (
        <Card className="mt-4" aria-labelledby="shipment-title">
          <h2 id="shipment-title" className="mb-2 text-sm font-semibold text-slate-500">
            {t("shipment.title")}
          </h2>
          {order.trackingNumber ? (
            <p className="flex flex-wrap items-baseline gap-x-3">
              <span className="text-sm text-slate-600">{t("shipment.trackingNumber")}</span>
              <span className="font-mono font-medium" data-testid="tracking-number">
                {order.trackingNumber}
              </span>
              {tracking ? (
                <a
                  href={tracking.url}
                  className="text-sm font-medium text-brand-700 hover:underline"
                  target="_blank"
                  rel="noreferrer"
                >
                  {t("shipment.trackAt", { carrier: tracking.carrier })} ↗
                </a>
              ) : null}
            </p>
          ) : (
            <p className="text-sm text-slate-600">{t("shipment.none")}</p>
          )}
          <ShipmentEditor
            labels={{
              edit: order.trackingNumber ? t("shipment.edit") : t("shipment.add"),
              field: t("shipment.trackingNumber"),
              save: t("shipment.save"),
              errors: { required: t("shipment.required"), tooLong: t("trackingTooLong") },
              results: {
                saved: t("shipment.saved"),
                unchanged: t("shipment.unchanged"),
                cannot: t("cannot"),
              },
            }}
            action={trackingAction}
            orderId={order.id}
            trackingNumber={order.trackingNumber ?? ""}
          />
        </Card>
      ) : null}
      <Card className="mt-4">
        <h2 className="mb-3 text-sm font-semibold text-slate-500">{t("actions")}</h2>
        <OrderActions
          labels={{
            tracking: t("tracking"),
            trackingTooLong: t("trackingTooLong"),
            markShipped: t("markShipped"),
            markDelivered: t("markDelivered"),
            cancel: {
              trigger: t("cancel"),
              question: tConfirm("cancelOrder"),
              confirm: tConfirm("confirm"),
              keep: tConfirm("keep"),
            },
            results: {
              changed: t("changed"),
              refundRequested: t("refundRequested"),
              cannot: t("cannot"),
            },
          }}
          action={orderAction}
          orderId={order.id}
          status={order.status}
        />
        {canRefund ? (
          <div className="mt-3">
            <RefundDialog
              labels={{
                trigger: tRefund("trigger"),
                title: tRefund("title"),
                amount: tRefund("amount"),
                remainingHint: tRefund.raw("remainingHint") as string,
                reason: tRefund("reason"),
                reasons: {
                  requested_by_customer: tRefund("reasons.requested_by_customer"),
                  duplicate: tRefund("reasons.duplicate"),
                  fraudulent: tRefund("reasons.fraudulent"),
                },
                notifyBuyer: tRefund("notifyBuyer"),
                next: tRefund("next"),
                back: tRefund("back"),
                cancel: tRefund("cancel"),
                summary: tRefund.raw("summary") as string,
                summaryNotify: tRefund("summaryNotify"),
                summarySilent: tRefund("summarySilent"),
                confirm: tRefund.raw("confirm") as string,
                amountInvalid: tRefund("amountInvalid"),
                amountOverRemaining: tRefund.raw("amountOverRemaining") as string,
                done: tRefund("done"),
                cannot: t("cannot"),
              }}
              action={refundAction}
              orderId={order.id}
              // A new key per render: the next refund after this one is a new request.
              requestKey={randomUUID()}
              remainingMinor={remaining}
              totalMinor={order.totalAmountMinor}
              currency={order.currency}
              locale={locale}
            />
          </div>
        ) : null}
      </Card>
      <Card className="mt-4">
        <h2 className="mb-3 text-sm font-semibold text-slate-500">{t("timeline")}</h2>
        <ol className="space-y-2 text-sm">
          {timeline.map((event, index) => (
            <li key={index} className="flex flex-wrap gap-x-2">
              <time className="text-slate-500" dateTime={event.at.toISOString()}>
                {format.dateTime(event.at, { dateStyle: "medium", timeStyle: "short" })}
              </time>
              {/* The status unchanged: the tracking number was corrected (its note is the number). */}
              <span className="font-medium">
                {event.from === event.to
                  ? t("shipment.corrected", { tracking: event.note ?? "" })
                  : `${event.from ? `${tTable(`statuses.${event.from}`)} → ` : ""}${tTable(`statuses.${event.to}`)}`}
              </span>
              <span className="text-slate-500">
                · {event.actorName ?? t(`actors.${event.actorKind}`)}
                {event.note && event.from !== event.to ? ` · ${event.note}` : ""}
              </span>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
