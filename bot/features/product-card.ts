import { InlineKeyboard, type Context } from "grammy";
import type { Product } from "@/db/schema/catalog";
import { productCardWithin } from "@/lib/catalog/product-card-text";
import { sendProductAlbum } from "@/lib/catalog/send-product-album";
import { productPhoto } from "@/lib/catalog/send-product-photo";
import { buyProductData, cancelCardData } from "@/lib/telegram/callback-data";
import { telegramLengthLimit } from "@/lib/telegram/message-limits";
import { localeOf, type BotDeps } from "@/bot/context";

/**
 * Shows a product as Telegram users know it from shops: photo, title, price, stock, Buy. A
 * product with several photos sends them as an album first and the card after it: an album
 * cannot carry buttons, so the Buy button goes with the card's text.
 */
export async function sendProductCard(ctx: Context, deps: BotDeps, product: Product) {
  const { locale, t } = localeOf(ctx);
  const keyboard = new InlineKeyboard()
    .text(t("btn-buy"), buyProductData.pack({ productId: product.id }))
    .text(t("btn-cancel"), cancelCardData.pack({}));
  const cardWithin = (withPhoto: boolean) =>
    productCardWithin(
      { ...product, price: product.priceMinor },
      locale,
      telegramLengthLimit({ withPhoto }),
    );
  const sender = { botId: ctx.me.id, readPhoto: deps.readPhoto };
  const album = await sendProductAlbum(deps.db, product, sender, (media) =>
    ctx.replyWithMediaGroup(media),
  );
  if (album) {
    await ctx.reply(cardWithin(false), { parse_mode: "HTML", reply_markup: keyboard });
    return;
  }
  // With a photo the card is its caption, and Telegram's shorter caption limit applies.
  const photo = productPhoto(deps.db, product, sender);
  const sent = await photo.send((file) =>
    ctx.replyWithPhoto(file, {
      caption: cardWithin(true),
      parse_mode: "HTML",
      reply_markup: keyboard,
    }),
  );
  if (sent) return;
  await ctx.reply(cardWithin(false), { parse_mode: "HTML", reply_markup: keyboard });
}
