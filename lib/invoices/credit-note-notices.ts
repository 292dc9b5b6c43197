import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { creditNotes, invoices, sellerBusinesses } from "@/db/schema/invoices";
import { orders } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { defineJob } from "@/lib/jobs/define-job";
import { PermanentDeliveryError } from "@/lib/jobs/outbox";
import { orderOfNotice } from "@/lib/orders/order-notice";
import { orderVariables } from "@/lib/orders/order-variables";
import type { SendMail } from "@/lib/platform/mailer";
import { formatMoney } from "@/lib/platform/money";
import type { ObjectStorage } from "@/lib/platform/object-storage";
import { escapeHtml } from "@/lib/telegram/html";
import { telegramLocale, translate } from "@/lib/telegram/i18n";
import { sendTelegramMessage } from "@/lib/telegram/send-message";
import { creditNoteLabel } from "./credit-note-label";
import { creditNoteLink, creditNotePdf } from "./find-credit-note";
import { invoiceLabel } from "./find-invoice";

const creditNoteNotice = z.object({ orderId: z.guid(), creditNoteId: z.guid() });

async function creditNoteWithInvoice(tx: Database, creditNoteId: string) {
  const [found] = await tx
    .select({ note: creditNotes, invoice: invoices })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .where(eq(creditNotes.id, creditNoteId));
  if (!found) throw new PermanentDeliveryError(`credit note ${creditNoteId} not found`);
  return found;
}

/**
 * The buyer's credit note is ready: a Telegram message with a link to the PDF. Sent whatever
 * the seller chose about refund notices, as the invoice is: the note is the buyer's document.
 */
export const creditNoteReadyBuyerNotice = defineJob({
  kind: "credit-note.ready.buyer",
  schema: creditNoteNotice,
  dedupeKey: ({ creditNoteId }) => `credit-note.ready.buyer:${creditNoteId}`,
  async run(tx, { orderId, creditNoteId }, { api, publicUrl }) {
    const order = await orderOfNotice(tx, orderId);
    const { note, invoice } = await creditNoteWithInvoice(tx, creditNoteId);
    const locale = telegramLocale(note.language);
    await sendTelegramMessage(api, tx, {
      chatId: order.buyerTelegramId,
      text: translate(locale, "credit-note-ready-buyer", {
        ...orderVariables(order, locale),
        creditNote: creditNoteLabel(note),
        invoice: invoiceLabel(invoice),
        amount: formatMoney(-note.totalAmountMinor, note.currency, locale),
        link: escapeHtml(await creditNoteLink(tx, publicUrl, note)),
      }),
    });
  },
});

/** The credit note's PDF to the buyer's e-mail address, when SMTP is set. */
export const emailCreditNoteJob = defineJob({
  kind: "credit-note.email.buyer",
  schema: creditNoteNotice,
  dedupeKey: ({ creditNoteId }) => `credit-note.email.buyer:${creditNoteId}`,
  async run(tx, { creditNoteId }, { storage, sendMail }) {
    if (!sendMail) throw new PermanentDeliveryError("SMTP_URL is no longer set");
    await emailCreditNote(tx, storage, sendMail, creditNoteId);
  },
});

async function emailCreditNote(
  tx: Database,
  storage: ObjectStorage,
  sendMail: SendMail,
  creditNoteId: string,
) {
  const { note, invoice } = await creditNoteWithInvoice(tx, creditNoteId);
  const [found] = await tx
    .select({ order: orders, seller: users, business: sellerBusinesses })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.sellerId))
    .leftJoin(sellerBusinesses, eq(sellerBusinesses.sellerId, orders.sellerId))
    .where(eq(orders.id, note.orderId));
  if (!found) throw new PermanentDeliveryError(`order ${note.orderId} not found`);
  const { order, seller, business } = found;
  const pdf = await creditNotePdf(storage, note);
  // The file is written before its row commits; missing now means the store lost it.
  if (!pdf) throw new Error(`credit note file ${note.storageKey} is missing`);
  const locale = telegramLocale(note.language);
  const label = creditNoteLabel(note);
  const variables = {
    creditNote: label,
    invoice: invoiceLabel(invoice),
    amount: formatMoney(-note.totalAmountMinor, note.currency, locale),
    number: String(order.shopNumber),
    name: order.contactName,
    seller: business?.legalName ?? seller.name,
  };
  await sendMail({
    to: order.email,
    subject: translate(locale, "credit-note-email-subject", variables),
    text: translate(locale, "credit-note-email-body", variables),
    attachments: [
      {
        filename: `credit-note-${label}.pdf`,
        content: Buffer.from(pdf),
        contentType: "application/pdf",
      },
    ],
  });
  await tx.update(creditNotes).set({ emailedAt: new Date() }).where(eq(creditNotes.id, note.id));
}
