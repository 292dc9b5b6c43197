import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema/users";
import { defineJob } from "@/lib/jobs/define-job";
import { PermanentDeliveryError } from "@/lib/jobs/outbox";
import { formatAnyMoney, formatMoney } from "@/lib/platform/money";
import { escapeHtml } from "@/lib/telegram/html";
import { telegramLocale, translate } from "@/lib/telegram/i18n";
import { sendTelegramMessage } from "@/lib/telegram/send-message";
import { orderOfNotice } from "@/lib/orders/order-notice";

/**
 * Why a payment was not applied to the order it names, and needs a person:
 * - foreign_session: a Checkout Session this shop never opened for that order;
 * - amount_mismatch: one of its sessions, paid with another amount or currency than the order's;
 * - paid_after_refund: the payment came after its own refund (Stripe delivered out of order);
 * - paid_twice: a second payment for an order that is already paid.
 */
export const paymentFlagReasons = [
  "foreign_session",
  "amount_mismatch",
  "paid_after_refund",
  "paid_twice",
] as const;
export type PaymentFlagReason = (typeof paymentFlagReasons)[number];

/** One admin told about one flagged payment; ids are Postgres uuids (any 8-4-4-4-12 hex). */
const flagPayload = z.object({
  userId: z.guid(),
  reason: z.enum(paymentFlagReasons),
  orderId: z.guid(),
  sessionId: z.string(),
  paymentIntentId: z.string().optional(),
  paidMinor: z.int(),
  paidCurrency: z.string(),
});

/**
 * A payment Stripe reported that was not applied to its order, to one admin in their language,
 * with what was paid, what the order costs and what to check. The alerts of the Monitoring page
 * look the same; this one is about a single payment, so it never "resolves".
 */
export const paymentFlaggedAlert = defineJob({
  kind: "payment.flagged",
  schema: flagPayload,
  // One message per session, reason and admin, however often the payment is reported.
  dedupeKey: ({ sessionId, reason, userId }) => `payment.flagged:${sessionId}:${reason}:${userId}`,
  async run(tx, flag, { api, publicUrl }) {
    const order = await orderOfNotice(tx, flag.orderId);
    const admin = await tx.query.users.findFirst({ where: eq(users.id, flag.userId) });
    if (!admin) throw new PermanentDeliveryError(`admin ${flag.userId} not found`);
    const locale = telegramLocale(admin.language);
    const variables = {
      number: String(order.shopNumber),
      paid: formatAnyMoney(flag.paidMinor, flag.paidCurrency, locale),
      expected: formatMoney(order.totalAmountMinor, order.currency, locale),
    };
    const text = translate(locale, "payment-flag-alert", {
      title: translate(locale, `payment-flag-${flag.reason}`, variables),
      summary: translate(locale, `payment-flag-${flag.reason}-detail`, variables),
      session: escapeHtml(flag.sessionId),
      url: escapeHtml(new URL("/monitoring", publicUrl).toString()),
    });
    await sendTelegramMessage(api, tx, { chatId: admin.telegramId, text, userId: admin.id });
  },
});
