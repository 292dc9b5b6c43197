import { eq } from "drizzle-orm";
import { GrammyError, InlineKeyboard, type Api } from "grammy";
import type { Database } from "@/db/client";
import { invoices } from "@/db/schema/invoices";
import { orders, type Order } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { settings } from "@/lib/platform/env";
import { alertKinds, composeAlert } from "@/lib/monitoring/incident-alerts";
import { invoiceLabel, invoiceLink } from "@/lib/invoices/invoices";
import { formatMoney } from "@/lib/platform/money";
import { PermanentDeliveryError, type NotificationKind, type OutboxRow } from "@/lib/jobs/outbox";
import { refreshProductPosts } from "@/lib/channels/refresh-posts";
import { addLogFields } from "@/lib/platform/request-context";
import { escapeHtml } from "./html";
import { renewCheckoutData, shipOrderData } from "./callback-data";
import { telegramLocale, translate, type TelegramLocale } from "./i18n";

export function orderVariables(order: Order, locale: TelegramLocale) {
  return {
    number: String(order.number),
    items: `${order.quantity} × ${escapeHtml(order.productTitle)}`,
    total: formatMoney(order.totalAmountMinor, order.currency, locale),
    name: escapeHtml(order.contactName),
    street: escapeHtml(order.addressStreet),
    postcode: escapeHtml(order.addressPostcode),
    city: escapeHtml(order.addressCity),
    country: order.addressCountry,
    email: escapeHtml(order.email),
  };
}

interface Message {
  chatId: number;
  text: string;
  keyboard?: InlineKeyboard;
  /** The recipient's user id, when they are a seller or admin (for 403 bookkeeping). */
  userId?: string;
}

type Compose = (
  db: Database,
  order: Order,
  variant: string | undefined,
  publicUrl: string,
) => Promise<Message>;

function toBuyer(key: string, extra?: (order: Order, locale: TelegramLocale) => Partial<Message>) {
  const compose: Compose = async (_db, order) => {
    const locale = telegramLocale(order.buyerLanguage);
    return {
      chatId: order.buyerTelegramId,
      text: translate(locale, key, orderVariables(order, locale)),
      ...extra?.(order, locale),
    };
  };
  return compose;
}

const renewButton = (order: Order, locale: TelegramLocale) => ({
  keyboard: new InlineKeyboard().text(
    translate(locale, "btn-new-link"),
    renewCheckoutData.pack({ orderId: order.id }),
  ),
});

const composers: Record<NotificationKind, Compose> = {
  "order.paid.buyer": toBuyer("order-paid-buyer"),
  "order.expired.buyer": toBuyer("order-expired-buyer", renewButton),
  "order.payment_failed.buyer": toBuyer("order-payment-failed-buyer", renewButton),
  "order.refunded.buyer": toBuyer("order-refunded-buyer"),
  "order.status.buyer": async (db, order, variant) => {
    const locale = telegramLocale(order.buyerLanguage);
    const key = `order-${variant ?? order.status}-buyer`;
    return {
      chatId: order.buyerTelegramId,
      text: translate(locale, key, {
        ...orderVariables(order, locale),
        tracking: order.trackingNumber ? escapeHtml(order.trackingNumber) : "none",
      }),
    };
  },
  "invoice.ready.buyer": async (db, order, _variant, publicUrl) => {
    const invoice = await db.query.invoices.findFirst({ where: eq(invoices.orderId, order.id) });
    if (!invoice) throw new PermanentDeliveryError(`order ${order.number} has no invoice`);
    const locale = telegramLocale(order.buyerLanguage);
    return {
      chatId: order.buyerTelegramId,
      text: translate(locale, "invoice-ready-buyer", {
        ...orderVariables(order, locale),
        invoice: invoiceLabel(invoice),
        link: escapeHtml(await invoiceLink(db, publicUrl, invoice)),
      }),
    };
  },
  "order.paid.seller": async (db, order) => {
    const seller = await db.query.users.findFirst({ where: eq(users.id, order.sellerId) });
    if (!seller) throw new PermanentDeliveryError(`seller ${order.sellerId} not found`);
    const locale = telegramLocale(seller.language);
    return {
      chatId: seller.telegramId,
      userId: seller.id,
      text: translate(locale, "order-paid-seller", orderVariables(order, locale)),
      keyboard: new InlineKeyboard().text(
        translate(locale, "btn-mark-shipped"),
        shipOrderData.pack({ orderId: order.id }),
      ),
    };
  },
};

/**
 * Sends one outbox notification through the Bot API. A 403 (the user never started the bot or
 * blocked it) cannot be fixed by retrying: it is recorded on the seller (or admin), for the
 * dashboard to show, and the message is given up. Anything else is thrown for the outbox to
 * retry. Besides order notices it sends post refreshes and the admins' alerts.
 */
export function telegramDeliverer(api: Api, publicUrl = settings().PUBLIC_URL) {
  return async (tx: Database, row: OutboxRow) => {
    if (row.kind === "posts.refresh") {
      await refreshProductPosts(tx, api, (row.payload as { productId: string }).productId);
      return;
    }
    if (alertKinds.includes(row.kind)) {
      await send(api, tx, await composeAlert(tx, row));
      return;
    }
    const { orderId, variant } = row.payload as { orderId: string; variant?: string };
    const order = await tx.query.orders.findFirst({ where: eq(orders.id, orderId) });
    if (!order) throw new PermanentDeliveryError(`order ${orderId} not found`);
    addLogFields({ orderId: order.id, sellerId: order.sellerId });
    const compose = composers[row.kind as NotificationKind];
    await send(api, tx, await compose(tx, order, variant, publicUrl));
  };
}

/** Sends a composed message; a 403 or 400 gives up (recorded on the recipient for a 403). */
async function send(api: Api, tx: Database, message: Message) {
  try {
    await api.sendMessage(message.chatId, message.text, {
      parse_mode: "HTML",
      reply_markup: message.keyboard,
    });
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403) {
      if (message.userId) {
        await tx
          .update(users)
          .set({ notificationsBlockedAt: new Date() })
          .where(eq(users.id, message.userId));
      }
      throw new PermanentDeliveryError(`403: ${error.description}`);
    }
    if (error instanceof GrammyError && error.error_code === 400) {
      throw new PermanentDeliveryError(`400: ${error.description}`);
    }
    throw error;
  }
  if (message.userId) {
    // Delivered: whatever blocked the user's notifications before is fixed.
    await tx
      .update(users)
      .set({ notificationsBlockedAt: null })
      .where(eq(users.id, message.userId));
  }
}
