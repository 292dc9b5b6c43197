import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { creditNoteCounters, creditNotes, invoices, sellerBusinesses } from "@/db/schema/invoices";
import { orders } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { defineJob } from "@/lib/jobs/define-job";
import { enqueue, PermanentDeliveryError } from "@/lib/jobs/outbox";
import { logger } from "@/lib/platform/logger";
import type { ObjectStorage } from "@/lib/platform/object-storage";
import { telegramLocale } from "@/lib/telegram/i18n";
import { creditNoteAmounts } from "./credit-note-amounts";
import { creditNoteLabel } from "./credit-note-label";
import { creditNoteReadyBuyerNotice, emailCreditNoteJob } from "./credit-note-notices";
import { invoiceLabel } from "./find-invoice";
import { renderCreditNotePdf } from "./render-credit-note-pdf";

/** One refund step: Stripe's cumulative amount refunded on the order's charge, before and after. */
export const refundStep = z
  .object({
    orderId: z.guid(),
    refundedBefore: z.number().int().nonnegative(),
    refundedAfter: z.number().int().positive(),
  })
  .refine((step) => step.refundedAfter > step.refundedBefore, "a step refunds something");
export type RefundStep = z.infer<typeof refundStep>;

/**
 * Issues the credit note (Rechnungskorrektur) for one refund of an invoiced order: the
 * seller's next credit note number, the PDF in the invoice's language referencing it, stored,
 * then the buyer told (and e-mailed when SMTP is set). Like issueInvoice it runs as an outbox
 * job in its own transaction, so a failure gives the number back. A step that already has its
 * note does nothing; an order without an invoice (never paid) gets none.
 */
export async function issueCreditNote(
  tx: Database,
  storage: ObjectStorage,
  step: RefundStep,
  { email = false, now = new Date() } = {},
) {
  const existing = await tx.query.creditNotes.findFirst({
    where: and(
      eq(creditNotes.orderId, step.orderId),
      eq(creditNotes.refundedAfterMinor, step.refundedAfter),
    ),
  });
  if (existing) return existing;
  const order = await tx.query.orders.findFirst({ where: eq(orders.id, step.orderId) });
  if (!order) throw new PermanentDeliveryError(`order ${step.orderId} not found`);
  const invoice = await tx.query.invoices.findFirst({ where: eq(invoices.orderId, order.id) });
  if (!invoice) {
    logger.info({ orderId: order.id }, "refund of an order without an invoice: no credit note");
    return undefined;
  }
  const seller = await tx.query.users.findFirst({ where: eq(users.id, order.sellerId) });
  const business = await tx.query.sellerBusinesses.findFirst({
    where: eq(sellerBusinesses.sellerId, order.sellerId),
  });

  // Taking the next number locks the seller's credit note counter until this transaction ends.
  const [counter] = await tx
    .insert(creditNoteCounters)
    .values({ sellerId: order.sellerId, lastNumber: 1 })
    .onConflictDoUpdate({
      target: creditNoteCounters.sellerId,
      set: { lastNumber: sql`${creditNoteCounters.lastNumber} + 1` },
    })
    .returning();
  const number = counter!.lastNumber;
  // The invoice's VAT mode and rate, not today's settings: the note corrects that invoice.
  const amounts = creditNoteAmounts(
    step.refundedBefore,
    step.refundedAfter,
    invoice.vatMode,
    invoice.vatRateBasisPoints,
  );
  const language = telegramLocale(invoice.language);
  const pdf = await renderCreditNotePdf({
    locale: language,
    creditNoteLabel: creditNoteLabel({ number, issuedAt: now }),
    issuedAt: now,
    invoice: { label: invoiceLabel(invoice), issuedAt: invoice.issuedAt },
    orderNumber: order.shopNumber,
    seller: {
      legalName: business?.legalName ?? seller?.name ?? "",
      address: business?.address ?? "",
      vatId: business?.vatId ?? null,
    },
    buyer: {
      name: order.contactName,
      street: order.addressStreet,
      postcode: order.addressPostcode,
      city: order.addressCity,
      country: order.addressCountry,
    },
    item: { title: order.productTitle, quantity: order.quantity, unitMinor: order.unitAmountMinor },
    whole: step.refundedBefore === 0 && step.refundedAfter === invoice.totalAmountMinor,
    currency: invoice.currency,
    amounts,
    vatMode: invoice.vatMode,
    vatRateBasisPoints: invoice.vatRateBasisPoints,
  });
  // Named by seller and number, so a retry after a failed commit overwrites its own file.
  const storageKey = `credit-notes/${order.sellerId}/${number}.pdf`;
  await storage.put(storageKey, pdf, "application/pdf");
  const [note] = await tx
    .insert(creditNotes)
    .values({
      orderId: order.id,
      invoiceId: invoice.id,
      sellerId: order.sellerId,
      number,
      refundedBeforeMinor: step.refundedBefore,
      refundedAfterMinor: step.refundedAfter,
      language,
      storageKey,
      vatMode: invoice.vatMode,
      vatRateBasisPoints: invoice.vatRateBasisPoints,
      netAmountMinor: amounts.net,
      vatAmountMinor: amounts.vat,
      totalAmountMinor: amounts.total,
      currency: invoice.currency,
      issuedAt: now,
    })
    .returning();
  const notice = { orderId: order.id, creditNoteId: note!.id };
  await enqueue(
    tx,
    creditNoteReadyBuyerNotice.of(notice),
    ...(email ? [emailCreditNoteJob.of(notice)] : []),
  );
  return note!;
}

/**
 * Queued in the transaction that records Stripe's refund (markRefunded). Keyed by the step's
 * cumulative figure: a redelivered event, or the same figure seen twice, is one job.
 */
export const issueCreditNoteJob = defineJob({
  kind: "credit-note.create",
  schema: refundStep,
  dedupeKey: ({ orderId, refundedAfter }) => `credit-note.create:${orderId}:${refundedAfter}`,
  async run(tx, step, { storage, sendMail }) {
    await issueCreditNote(tx, storage, step, { email: Boolean(sendMail) });
  },
});
