import { InlineKeyboard } from "grammy";
import type { Order } from "@/db/schema/orders";
import { defineJob } from "@/lib/jobs/define-job";
import { renewCheckoutData } from "@/lib/telegram/callback-data";
import { escapeHtml } from "@/lib/telegram/html";
import { telegramLocale, translate, type TelegramLocale } from "@/lib/telegram/i18n";
import { sendTelegramMessage, type TelegramMessage } from "@/lib/telegram/send-message";
import { orderNoticeKey, orderNoticePayload, orderOfNotice } from "./order-notice";
import { orderVariables } from "./order-variables";
import { retirePayButton } from "./pay-message";
import { formatMoney } from "@/lib/platform/money";

type Compose = (
  order: Order,
  locale: TelegramLocale,
  variant?: string,
) => Pick<TelegramMessage, "text" | "keyboard">;

/** A Telegram message to the order's buyer, in their language, about the order as it is now. */
function buyerNotice(
  kind: string,
  compose: Compose,
  { first = false, endsPaymentLink = false } = {},
) {
  return defineJob({
    kind,
    first,
    schema: orderNoticePayload,
    dedupeKey: orderNoticeKey(kind),
    async run(tx, { orderId, variant }, { api }) {
      const order = await orderOfNotice(tx, orderId);
      const locale = telegramLocale(order.buyerLanguage);
      if (endsPaymentLink) await retirePayButton(api, tx, order);
      await sendTelegramMessage(api, tx, {
        chatId: order.buyerTelegramId,
        ...compose(order, locale, variant),
      });
    },
  });
}

const text =
  (key: string): Compose =>
  (order, locale) => ({ text: translate(locale, key, orderVariables(order, locale)) });

// An unpaid checkout is not the end: the same order can be paid through a fresh link.
const withRenewButton =
  (key: string): Compose =>
  (order, locale) => ({
    ...text(key)(order, locale),
    keyboard: new InlineKeyboard().text(
      translate(locale, "btn-new-link"),
      renewCheckoutData.pack({ orderId: order.id }),
    ),
  });

// The buyer has just paid and is looking at the chat: this goes before everything else queued.
// Each of these three ends the payment link, so its Pay button goes first.
export const orderPaidBuyerNotice = buyerNotice("order.paid.buyer", text("order-paid-buyer"), {
  first: true,
  endsPaymentLink: true,
});
export const orderExpiredBuyerNotice = buyerNotice(
  "order.expired.buyer",
  withRenewButton("order-expired-buyer"),
  { endsPaymentLink: true },
);
export const paymentFailedBuyerNotice = buyerNotice(
  "order.payment_failed.buyer",
  withRenewButton("order-payment-failed-buyer"),
  { endsPaymentLink: true },
);
export const orderRefundedBuyerNotice = buyerNotice(
  "order.refunded.buyer",
  text("order-refunded-buyer"),
);
/**
 * Part of the payment went back; the variant is the charge's cumulative refunded amount (minor
 * units), so each partial refund is one message and says how much has gone back so far.
 */
export const orderPartlyRefundedBuyerNotice = buyerNotice(
  "order.partly_refunded.buyer",
  (order, locale, variant) => ({
    text: translate(locale, "order-partly-refunded-buyer", {
      ...orderVariables(order, locale),
      refunded: formatMoney(Number(variant ?? 0), order.currency, locale),
    }),
  }),
);
/**
 * Money that came for an order already closed (cancelled by the seller, or refunded) is going
 * back in full; the variant is the payment, so each one is explained once.
 */
export const paymentRefundingBuyerNotice = buyerNotice(
  "order.payment_refunding.buyer",
  text("order-payment-refunding-buyer"),
);
/**
 * Shipped, delivered or cancelled by the seller: the variant is the status it moved to, or for
 * a cancellation what became of the money ("cancelled-unpaid": the payment link was closed and
 * nothing charged; "cancelled-refunding": the payment is being refunded).
 */
export const orderStatusBuyerNotice = buyerNotice(
  "order.status.buyer",
  (order, locale, variant) => ({
    text: translate(locale, `order-${variant ?? order.status}-buyer`, {
      ...orderVariables(order, locale),
      tracking: order.trackingNumber ? escapeHtml(order.trackingNumber) : "none",
    }),
  }),
);

/** The seller corrected the tracking number after shipping; the variant is the history entry. */
export const trackingCorrectedBuyerNotice = buyerNotice(
  "order.tracking_corrected.buyer",
  (order, locale) => ({
    text: translate(locale, "order-tracking-corrected-buyer", {
      ...orderVariables(order, locale),
      tracking: escapeHtml(order.trackingNumber ?? ""),
    }),
  }),
);
