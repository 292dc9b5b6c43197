import { InlineKeyboard, InputFile, type Context } from "grammy";
import type { Product } from "@/db/schema/catalog";
import { formatMoney } from "@/lib/platform/money";
import { escapeHtml } from "@/lib/telegram/html";
import { buyProductData, cancelCardData } from "@/lib/telegram/callback-data";
import { localeOf, type BotDeps } from "@/bot/context";

// Telegram allows 1024 characters in a photo caption; the card's text must fit.
const CAPTION_LIMIT = 1024;

/** Shows a product as Telegram users know it from shops: photo, title, price, stock, Buy. */
export async function sendProductCard(ctx: Context, deps: BotDeps, product: Product) {
  const { locale, t } = localeOf(ctx);
  const text = t("product-card", {
    title: escapeHtml(product.title),
    // Fluent has no "if present": an empty description must not leave a blank line.
    description: product.description ? `\n${escapeHtml(product.description)}` : "",
    price: formatMoney(product.priceMinor, product.currency, locale),
    stock: product.stock === null ? "unlimited" : product.stock === 1 ? "one" : product.stock,
  });
  const keyboard = new InlineKeyboard()
    .text(t("btn-buy"), buyProductData.pack({ productId: product.id }))
    .text(t("btn-cancel"), cancelCardData.pack({}));
  const photo = product.photoKey ? await deps.readPhoto?.(product.photoKey) : undefined;
  if (photo && text.length <= CAPTION_LIMIT) {
    await ctx.replyWithPhoto(new InputFile(photo), {
      caption: text,
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
    return;
  }
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}
