import type { Api } from "grammy";
import { eq } from "drizzle-orm";
import { invoices, sellerBusinesses } from "@/db/schema/invoices";
import { orders } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { invoiceLabel, invoicePdf, issueInvoice } from "@/lib/invoices/invoices";
import type { SendMail } from "@/lib/platform/mailer";
import { telegramDeliverer } from "@/lib/telegram/notifications";
import type { ObjectStorage } from "@/lib/platform/object-storage";
import { PermanentDeliveryError, type Deliver } from "./outbox";
import { telegramLocale, translate } from "@/lib/telegram/i18n";

export interface OutboxDeps {
  api: Api;
  storage: ObjectStorage;
  /** Set when SMTP_URL is: invoices are then e-mailed as well. */
  sendMail?: SendMail;
  publicUrl?: string;
}

/**
 * What the outbox worker does with each job: invoices are made and e-mailed here, every
 * other job is a Telegram message. All run inside the job's transaction, so a failure
 * leaves the job pending for a retry and nothing half-done behind.
 */
export function outboxDeliverer({ api, storage, sendMail, publicUrl }: OutboxDeps): Deliver {
  const telegram = telegramDeliverer(api, publicUrl);
  return async (tx, row) => {
    const { orderId } = row.payload as { orderId: string };
    if (row.kind === "invoice.create") {
      await issueInvoice(tx, storage, orderId, { email: Boolean(sendMail) });
      return;
    }
    if (row.kind === "invoice.email.buyer") {
      if (!sendMail) throw new PermanentDeliveryError("SMTP_URL is no longer set");
      await emailInvoice(tx, storage, sendMail, orderId);
      return;
    }
    await telegram(tx, row);
  };
}

async function emailInvoice(
  tx: Parameters<Deliver>[0],
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
    number: String(order.number),
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
