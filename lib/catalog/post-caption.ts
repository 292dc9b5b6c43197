import type { Currency } from "@/db/schema/catalog";
import { formatMoney } from "@/lib/platform/money";
import { escapeHtml } from "@/lib/telegram/html";

// Telegram's limit for a photo's caption, counted after entities are parsed (i.e. the text
// people see, without the HTML tags).
export const TELEGRAM_CAPTION_LIMIT = 1024;

interface PostContent {
  title: string;
  description: string;
  /** Minor units. */
  price: number;
  currency: Currency;
}

/**
 * The text of a product's channel post: bold title, description, price. Returns the HTML to
 * send and the length Telegram counts against its caption limit.
 */
export function channelPostCaption(product: PostContent, locale: string) {
  const price = formatMoney(product.price, product.currency, locale);
  const parts = [product.title, product.description, price].filter(Boolean);
  const html = [
    `<b>${escapeHtml(product.title)}</b>`,
    product.description ? escapeHtml(product.description) : "",
    `<b>${escapeHtml(price)}</b>`,
  ]
    .filter(Boolean)
    .join("\n\n");
  return { html, visibleLength: parts.join("\n\n").length };
}
