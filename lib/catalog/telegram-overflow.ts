import { telegramLocales } from "@/lib/telegram/locale";
import { telegramLengthLimit, visibleLength } from "@/lib/telegram/message-limits";
import { channelPostCaption } from "./post-caption";
import { productCardHtml, type CardContent } from "./product-card-text";

export interface ProductTexts extends CardContent {
  /** Then the post and the card are a photo's caption, with its shorter limit. */
  hasPhoto: boolean;
}

// The stock lines the card may show: the stock as saved, and every count below it as sales
// take it down, of which "only 1 left" is worded differently (and longer in German).
function stockShown(stock: number | null): (number | null)[] {
  return stock === null ? [null] : [stock, 1];
}

/** The longest text Telegram gets of this product, as it counts: its post and its card. */
function longestText(product: ProductTexts): number {
  const lengths = telegramLocales.flatMap((locale) => [
    visibleLength(channelPostCaption(product, locale)),
    ...stockShown(product.stock).map((stock) =>
      visibleLength(productCardHtml({ ...product, stock }, locale)),
    ),
  ]);
  return Math.max(...lengths);
}

/**
 * By how many characters the product's channel post or bot card would be over Telegram's
 * limit in the longest of the bot's languages (prices and stock lines differ in length), and
 * the field to shorten: the description, or the title if it alone is too long. Undefined
 * when everything fits, which is what keeps Telegram from refusing the card a buyer asked for.
 */
export function telegramOverflow(
  product: ProductTexts,
): { field: "title" | "description"; over: number } | undefined {
  const limit = telegramLengthLimit({ withPhoto: product.hasPhoto });
  const over = longestText(product) - limit;
  if (over <= 0) return undefined;
  const titleAlone = longestText({ ...product, description: "" }) > limit;
  return { field: titleAlone ? "title" : "description", over };
}
