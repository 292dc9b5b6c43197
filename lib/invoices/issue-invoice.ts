import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invoiceCounters, invoices, sellerBusinesses, type Invoice } from "@/db/schema/invoices";
import { orders } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { defineJob } from "@/lib/jobs/define-job";
import { enqueue, PermanentDeliveryError } from "@/lib/jobs/outbox";
import { orderNoticeKey, orderNoticePayload } from "@/lib/orders/order-notice";
import { paidAndLater } from "@/lib/orders/order-status";
import type { ObjectStorage } from "@/lib/platform/object-storage";
import { telegramLocale } from "@/lib/telegram/i18n";
import { emailInvoiceJob, invoiceReadyBuyerNotice } from "./invoice-notices";
import { invoiceLabel } from "./find-invoice";
import { renderInvoicePdf } from "./render-invoice-pdf";
import { splitGross } from "./vat";

// Orders that were paid at some point: each gets exactly one invoice.
const INVOICED = new Set<string>(paidAndLater);

/**
 * Issues the invoice of a paid order: the seller's next number, the PDF in the buyer's
 * language, stored in the object store, then the buyer told (and e-mailed when SMTP is set).
 * Runs as an outbox job inside its transaction: a failure anywhere rolls the number back and
 * the job is tried again later, so numbers have no gaps and no duplicates. A second run for
 * the same order finds the invoice and does nothing.
 */
export async function issueInvoice(
  tx: Database,
  storage: ObjectStorage,
  orderId: string,
  { email = false, now = new Date() } = {},
): Promise<Invoice> {
  const existing = await tx.query.invoices.findFirst({ where: eq(invoices.orderId, orderId) });
  if (existing) return existing;
  const order = await tx.query.orders.findFirst({ where: eq(orders.id, orderId) });
  if (!order) throw new PermanentDeliveryError(`order ${orderId} not found`);
  if (!INVOICED.has(order.status)) {
    throw new PermanentDeliveryError(`order ${order.number} was never paid (${order.status})`);
  }
  const seller = await tx.query.users.findFirst({ where: eq(users.id, order.sellerId) });
  const business = await tx.query.sellerBusinesses.findFirst({
    where: eq(sellerBusinesses.sellerId, order.sellerId),
  });
  // Until the seller fills in Settings, the invoice carries their name only; the dashboard
  // asks them to complete it.
  const from = business ?? {
    legalName: seller?.name ?? "",
    address: "",
    vatId: null,
    vatMode: "standard" as const,
    vatRateBasisPoints: 1900,
  };

  // Taking the next number locks the seller's counter row until this transaction ends.
  const [counter] = await tx
    .insert(invoiceCounters)
    .values({ sellerId: order.sellerId, lastNumber: 1 })
    .onConflictDoUpdate({
      target: invoiceCounters.sellerId,
      set: { lastNumber: sql`${invoiceCounters.lastNumber} + 1` },
    })
    .returning();
  const number = counter!.lastNumber;
  const amounts = splitGross(order.totalAmountMinor, from.vatMode, from.vatRateBasisPoints);
  const language = telegramLocale(order.buyerLanguage);
  const pdf = await renderInvoicePdf({
    locale: language,
    invoiceLabel: invoiceLabel({ number, issuedAt: now }),
    issuedAt: now,
    paidAt: order.paidAt ?? now,
    orderNumber: order.shopNumber,
    seller: { legalName: from.legalName, address: from.address, vatId: from.vatId },
    buyer: {
      name: order.contactName,
      street: order.addressStreet,
      postcode: order.addressPostcode,
      city: order.addressCity,
      country: order.addressCountry,
    },
    item: { title: order.productTitle, quantity: order.quantity, unitMinor: order.unitAmountMinor },
    currency: order.currency,
    amounts,
    vatMode: from.vatMode,
    vatRateBasisPoints: from.vatRateBasisPoints,
  });
  // The key names seller and number, so a retry after a failed commit overwrites its own file.
  const storageKey = `invoices/${order.sellerId}/${number}.pdf`;
  await storage.put(storageKey, pdf, "application/pdf");
  const [invoice] = await tx
    .insert(invoices)
    .values({
      orderId: order.id,
      sellerId: order.sellerId,
      number,
      language,
      storageKey,
      vatMode: from.vatMode,
      vatRateBasisPoints: from.vatRateBasisPoints,
      netAmountMinor: amounts.net,
      vatAmountMinor: amounts.vat,
      totalAmountMinor: amounts.total,
      currency: order.currency,
      issuedAt: now,
    })
    .returning();
  await enqueue(
    tx,
    invoiceReadyBuyerNotice.of({ orderId: order.id }),
    ...(email ? [emailInvoiceJob.of({ orderId: order.id })] : []),
  );
  return invoice!;
}

/** Queued with the payment: the invoice is made (and the buyer told) by the worker. */
export const issueInvoiceJob = defineJob({
  kind: "invoice.create",
  schema: orderNoticePayload,
  dedupeKey: orderNoticeKey("invoice.create"),
  async run(tx, { orderId }, { storage, sendMail }) {
    await issueInvoice(tx, storage, orderId, { email: Boolean(sendMail) });
  },
});
