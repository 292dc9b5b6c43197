import { InlineKeyboard, InputFile, type Context } from "grammy";
import type { Product } from "@/db/schema/catalog";
import { productCardWithin } from "@/lib/catalog/product-card-text";
import { buyProductData, cancelCardData } from "@/lib/telegram/callback-data";
import { telegramLengthLimit } from "@/lib/telegram/message-limits";
import { localeOf, type BotDeps } from "@/bot/context";

/** Shows a product as Telegram users know it from shops: photo, title, price, stock, Buy. */
export async function sendProductCard(ctx: Context, deps: BotDeps, product: Product) {
  const { locale, t } = localeOf(ctx);
  const keyboard = new InlineKeyboard()
    .text(t("btn-buy"), buyProductData.pack({ productId: product.id }))
    .text(t("btn-cancel"), cancelCardData.pack({}));
  const photo = product.photoKey ? await deps.readPhoto?.(product.photoKey) : undefined;
  // With a photo the card is its caption, and Telegram's shorter caption limit applies.
  const limit = telegramLengthLimit({ withPhoto: Boolean(photo) });
  const text = productCardWithin({ ...product, price: product.priceMinor }, locale, limit);
  if (photo) {
    await ctx.replyWithPhoto(new InputFile(photo), {
      caption: text,
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
    return;
  }
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}
