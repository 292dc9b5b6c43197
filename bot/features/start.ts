import { Composer } from "grammy";
import { escapeHtml } from "@/lib/telegram/html";
import { buyProductData, cancelCardData } from "@/lib/telegram/callback-data";
import { findProductByPayload, recordDeepLinkStart } from "@/lib/checkout/find-product-for-sale";
import { recordBotStarted } from "@/lib/telegram/bot-users";
import { localeOf, type BotContext, type BotDeps } from "@/bot/context";
import { sendProductCard } from "./product-card";
import { refusalText } from "@/bot/refusal-text";

/** /start (with a Buy button's deep-link payload or without), Buy, and /cancel. */
export function startComposer(deps: BotDeps) {
  const composer = new Composer<BotContext>();
  const privateChats = composer.chatType("private");

  privateChats.command("start", async (ctx) => {
    const { t } = localeOf(ctx);
    // A new /start replaces whatever dialog was open: the buyer changed their mind.
    await ctx.conversation.exitAll();
    await recordBotStarted(deps.db, ctx.from.id, ctx.from.language_code);
    const payload = ctx.match.trim();
    if (!payload) {
      await ctx.reply(t("start-greeting", { name: escapeHtml(ctx.from.first_name) }), {
        parse_mode: "HTML",
      });
      return;
    }
    try {
      const { product, postId } = await findProductByPayload(deps.db, payload);
      await recordDeepLinkStart(deps.db, {
        productId: product.id,
        buyerTelegramId: ctx.from.id,
        postId,
        updateId: ctx.update.update_id,
      });
      await sendProductCard(ctx, deps, product);
    } catch (error) {
      await ctx.reply(refusalText(ctx, error, "buyer"), { parse_mode: "HTML" });
    }
  });

  // Buy on another product's card mid-dialog: the open dialog ends here, and the new one is
  // entered behind the conversation middleware (buyComposer), where it is registered.
  privateChats.callbackQuery(buyProductData.prefixPattern, async (ctx, next) => {
    await ctx.conversation.exitAll();
    await next();
  });

  privateChats.callbackQuery(cancelCardData.pattern, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    await ctx.reply(localeOf(ctx).t("dialog-cancelled"));
  });

  privateChats.command("cancel", async (ctx) => {
    const { t } = localeOf(ctx);
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(t(active ? "dialog-cancelled" : "nothing-to-cancel"));
  });

  privateChats.command("help", (ctx) => ctx.reply(localeOf(ctx).t("help")));

  return composer;
}

/** Buy on a product card: starts the order dialog. Installed after the dialog is registered. */
export function buyComposer() {
  const composer = new Composer<BotContext>();
  composer.chatType("private").callbackQuery(buyProductData.pattern, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(
      "checkout",
      buyProductData.match(ctx.callbackQuery.data)?.productId,
    );
  });
  return composer;
}
