import type { Order } from "@/db/schema/orders";
import { formatMoney } from "@/lib/platform/money";
import { escapeHtml } from "@/lib/telegram/html";
import type { TelegramLocale } from "@/lib/telegram/i18n";

/** An order's figures and the buyer's details for a Telegram message, HTML-escaped. */
export function orderVariables(order: Order, locale: TelegramLocale) {
  return {
    number: String(order.shopNumber),
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
