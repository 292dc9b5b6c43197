import type { Currency } from "@/db/schema/catalog";
import { formatMoney } from "@/lib/platform/money";
import { escapeHtml } from "@/lib/telegram/html";

export interface PostContent {
  title: string;
  description: string;
  /** Minor units. */
  price: number;
  currency: Currency;
}

/**
 * The HTML of a product's channel post (its photo's caption, or the message without a photo):
 * bold title, description, price. Save checks its length in every bot language
 * (telegram-length.ts).
 */
export function channelPostCaption(product: PostContent, locale: string): string {
  const price = formatMoney(product.price, product.currency, locale);
  return [
    `<b>${escapeHtml(product.title)}</b>`,
    product.description ? escapeHtml(product.description) : "",
    `<b>${escapeHtml(price)}</b>`,
  ]
    .filter(Boolean)
    .join("\n\n");
}
