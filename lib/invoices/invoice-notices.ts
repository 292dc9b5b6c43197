import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invoices, sellerBusinesses } from "@/db/schema/invoices";
import { orders } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { defineJob } from "@/lib/jobs/define-job";
import { PermanentDeliveryError } from "@/lib/jobs/outbox";
import { orderNoticeKey, orderNoticePayload, orderOfNotice } from "@/lib/orders/order-notice";
import { orderVariables } from "@/lib/orders/order-variables";
import type { SendMail } from "@/lib/platform/mailer";
import type { ObjectStorage } from "@/lib/platform/object-storage";
import { escapeHtml } from "@/lib/telegram/html";
import { telegramLocale, translate } from "@/lib/telegram/i18n";
import { sendTelegramMessage } from "@/lib/telegram/send-message";
import { invoiceLabel, invoiceLink, invoicePdf } from "./find-invoice";

/** The buyer's invoice is ready: a Telegram message with a link to the PDF. */
export const invoiceReadyBuyerNotice = defineJob({
  kind: "invoice.ready.buyer",
  schema: orderNoticePayload,
  dedupeKey: orderNoticeKey("invoice.ready.buyer"),
  async run(tx, { orderId }, { api, publicUrl }) {
    const order = await orderOfNotice(tx, orderId);
    const invoice = await tx.query.invoices.findFirst({ where: eq(invoices.orderId, order.id) });
    if (!invoice) throw new PermanentDeliveryError(`order ${order.number} has no invoice`);
    const locale = telegramLocale(order.buyerLanguage);
    await sendTelegramMessage(api, tx, {
      chatId: order.buyerTelegramId,
      text: translate(locale, "invoice-ready-buyer", {
        ...orderVariables(order, locale),
        invoice: invoiceLabel(invoice),
        link: escapeHtml(await invoiceLink(tx, publicUrl, invoice)),
      }),
    });
  },
});

/** The invoice's PDF to the buyer's e-mail address, when SMTP is set. */
export const emailInvoiceJob = defineJob({
  kind: "invoice.email.buyer",
  schema: orderNoticePayload,
  dedupeKey: orderNoticeKey("invoice.email.buyer"),
  async run(tx, { orderId }, { storage, sendMail }) {
    if (!sendMail) throw new PermanentDeliveryError("SMTP_URL is no longer set");
    await emailInvoice(tx, storage, sendMail, orderId);
  },
});

async function emailInvoice(
  tx: Database,
  storage: ObjectStorage,
  sendMail: SendMail,
  orderId: string,
) {
  const [found] = await tx
    .select({ invoice: invoices, order: orders, seller: users, business: sellerBusinesses })
    .from(invoices)
    .innerJoin(orders, eq(orders.id, invoices.orderId))
    .innerJoin(users, eq(users.id, invoices.sellerId))
    .leftJoin(sellerBusinesses, eq(sellerBusinesses.sellerId, invoices.sellerId))
    .where(eq(invoices.orderId, orderId));
  if (!found) throw new PermanentDeliveryError(`order ${orderId} has no invoice`);
  const { invoice, order, seller, business } = found;
  const pdf = await invoicePdf(storage, invoice);
  // The file is written before its row commits; missing now means the store lost it.
  if (!pdf) throw new Error(`invoice file ${invoice.storageKey} is missing`);
  const locale = telegramLocale(invoice.language);
  const label = invoiceLabel(invoice);
  const variables = {
    invoice: label,
    number: String(order.shopNumber),
    name: order.contactName,
    seller: business?.legalName ?? seller.name,
  };
  await sendMail({
    to: order.email,
    subject: translate(locale, "invoice-email-subject", variables),
    text: translate(locale, "invoice-email-body", variables),
    attachments: [
      {
        filename: `invoice-${label}.pdf`,
        content: Buffer.from(pdf),
        contentType: "application/pdf",
      },
    ],
  });
  await tx.update(invoices).set({ emailedAt: new Date() }).where(eq(invoices.id, invoice.id));
}
