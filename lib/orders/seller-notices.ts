import { eq } from "drizzle-orm";
import { InlineKeyboard } from "grammy";
import type { Database } from "@/db/client";
import type { Order } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { defineJob } from "@/lib/jobs/define-job";
import { markSentWith, PermanentDeliveryError } from "@/lib/jobs/outbox";
import { shipOrderData } from "@/lib/telegram/callback-data";
import { escapeHtml } from "@/lib/telegram/html";
import { telegramLocale, translate } from "@/lib/telegram/i18n";
import { sendTelegramMessage } from "@/lib/telegram/send-message";
import { orderNoticeKey, orderNoticePayload, orderOfNotice } from "./order-notice";
import { orderVariables } from "./order-variables";
import { listedNoticeIds, sellerDigest, waitingPaidNotices } from "./seller-digest";

async function sellerOf(tx: Database, order: Order) {
  const seller = await tx.query.users.findFirst({ where: eq(users.id, order.sellerId) });
  if (!seller) throw new PermanentDeliveryError(`seller ${order.sellerId} not found`);
  return { seller, locale: telegramLocale(seller.language) };
}

/**
 * A new paid order, to its seller, with the button that marks it shipped. When more of the
 * seller's paid orders wait for their chat (a burst: one message a second per chat), one digest
 * lists them all instead, with the orders page; it is sent in this row's transaction and marks
 * the rows it lists sent with it, so a crash before the commit sends the digest again, as it
 * would have sent this one notice again, and no order is both in a digest and sent alone.
 */
export const orderPaidSellerNotice = defineJob({
  kind: "order.paid.seller",
  schema: orderNoticePayload,
  dedupeKey: orderNoticeKey("order.paid.seller"),
  async run(tx, { orderId }, { api, publicUrl }) {
    const order = await orderOfNotice(tx, orderId);
    const { seller, locale } = await sellerOf(tx, order);
    const waiting = await waitingPaidNotices(tx, "order.paid.seller", order);
    if (waiting.length === 0) {
      await sendTelegramMessage(api, tx, {
        chatId: seller.telegramId,
        userId: seller.id,
        text: translate(locale, "order-paid-seller", orderVariables(order, locale)),
        keyboard: new InlineKeyboard().text(
          translate(locale, "btn-mark-shipped"),
          shipOrderData.pack({ orderId: order.id }),
        ),
      });
      return;
    }
    const ordersUrl = new URL("/orders?status=paid", publicUrl).toString();
    const digest = sellerDigest(
      order,
      waiting.map((w) => w.order),
      locale,
      ordersUrl,
    );
    await sendTelegramMessage(api, tx, {
      chatId: seller.telegramId,
      userId: seller.id,
      text: digest.text,
    });
    await markSentWith(tx, listedNoticeIds(waiting, digest.listed));
  },
});

/**
 * A payment that came after its checkout had been given up, for stock another buyer has
 * since bought: the shop has sold more than it has. Only the seller knows whether more can be
 * had, so they are told to restock or refund, with the order's page to do either.
 */
export const orderOversoldSellerNotice = defineJob({
  kind: "order.oversold.seller",
  schema: orderNoticePayload,
  dedupeKey: orderNoticeKey("order.oversold.seller"),
  async run(tx, { orderId }, { api, publicUrl }) {
    const order = await orderOfNotice(tx, orderId);
    const { seller, locale } = await sellerOf(tx, order);
    const url = new URL(`/orders/${order.id}`, publicUrl).toString();
    await sendTelegramMessage(api, tx, {
      chatId: seller.telegramId,
      userId: seller.id,
      text: translate(locale, "order-oversold-seller", {
        ...orderVariables(order, locale),
        url: escapeHtml(url),
      }),
    });
  },
});
