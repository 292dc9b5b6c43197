import { eq } from "drizzle-orm";
import { InlineKeyboard } from "grammy";
import { users } from "@/db/schema/users";
import { defineJob } from "@/lib/jobs/define-job";
import { PermanentDeliveryError } from "@/lib/jobs/outbox";
import { shipOrderData } from "@/lib/telegram/callback-data";
import { telegramLocale, translate } from "@/lib/telegram/i18n";
import { sendTelegramMessage } from "@/lib/telegram/send-message";
import { orderNoticeKey, orderNoticePayload, orderOfNotice } from "./order-notice";
import { orderVariables } from "./order-variables";

/** A new paid order, to its seller, with the button that marks it shipped. */
export const orderPaidSellerNotice = defineJob({
  kind: "order.paid.seller",
  schema: orderNoticePayload,
  dedupeKey: orderNoticeKey("order.paid.seller"),
  async run(tx, { orderId }, { api }) {
    const order = await orderOfNotice(tx, orderId);
    const seller = await tx.query.users.findFirst({ where: eq(users.id, order.sellerId) });
    if (!seller) throw new PermanentDeliveryError(`seller ${order.sellerId} not found`);
    const locale = telegramLocale(seller.language);
    await sendTelegramMessage(api, tx, {
      chatId: seller.telegramId,
      userId: seller.id,
      text: translate(locale, "order-paid-seller", orderVariables(order, locale)),
      keyboard: new InlineKeyboard().text(
        translate(locale, "btn-mark-shipped"),
        shipOrderData.pack({ orderId: order.id }),
      ),
    });
  },
});
