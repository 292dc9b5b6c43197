import { formatMoney } from "@/lib/platform/money";
import { escapeHtml } from "@/lib/telegram/html";
import { translate, type TelegramLocale } from "@/lib/telegram/i18n";
import { visibleLength } from "@/lib/telegram/message-limits";
import type { PostContent } from "./post-caption";

export interface CardContent extends PostContent {
  /** null: unlimited. */
  stock: number | null;
}

/** The HTML of the bot's product card: title, description, price and stock, in one language. */
export function productCardHtml(product: CardContent, locale: TelegramLocale): string {
  return translate(locale, "product-card", {
    title: escapeHtml(product.title),
    // Fluent has no "if present": an empty description must not leave a blank line.
    description: product.description ? `\n${escapeHtml(product.description)}` : "",
    price: formatMoney(product.price, product.currency, locale),
    stock: product.stock === null ? "unlimited" : product.stock === 1 ? "one" : product.stock,
  });
}

/**
 * The card within `limit`, its description cut short with "…" if need be. Save keeps products
 * within Telegram's limits; this is for those saved before it did, which Telegram would refuse.
 */
export function productCardWithin(
  product: CardContent,
  locale: TelegramLocale,
  limit: number,
): string {
  const html = productCardHtml(product, locale);
  const over = visibleLength(html) - limit;
  if (over <= 0) return html;
  // The description counts one for one (escaping adds nothing Telegram counts); "…" is one.
  let keep = Math.max(0, product.description.length - over - 1);
  // Not between the halves of a surrogate pair: a lone half is not valid text.
  if (/[\uD800-\uDBFF]/.test(product.description.charAt(keep - 1))) keep -= 1;
  const description = `${product.description.slice(0, keep).trimEnd()}…`;
  return productCardHtml({ ...product, description }, locale);
}
