import { Composer, InlineKeyboard } from "grammy";
import { reopenOrder } from "@/lib/checkout/reopen-order";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { formatMoney } from "@/lib/platform/money";
import { CHECKOUT_LIFETIME_SECONDS } from "@/lib/checkout/checkout-attempt";
import { renewCheckoutData } from "@/lib/telegram/callback-data";
import { localeOf, type BotContext, type BotDeps } from "@/bot/context";
import { refusalText } from "@/bot/refusal-text";

/** "New payment link" under an expired or failed payment: same order, fresh Checkout. */
export function renewComposer(deps: BotDeps) {
  const composer = new Composer<BotContext>();

  composer.chatType("private").callbackQuery(renewCheckoutData.pattern, async (ctx) => {
    const { locale, t } = localeOf(ctx);
    await ctx.answerCallbackQuery();
    try {
      const orderId = renewCheckoutData.match(ctx.callbackQuery.data)?.orderId ?? "";
      const reopened = await reopenOrder(deps.db, orderId, ctx.from.id);
      const { order, url } = await startCheckout(deps.db, deps.stripe, reopened.id, {
        publicUrl: deps.publicUrl,
      });
      const total = formatMoney(order.totalAmountMinor, order.currency, locale);
      await ctx.reply(
        t("checkout-ready", {
          number: String(order.number),
          total,
          minutes: CHECKOUT_LIFETIME_SECONDS / 60,
        }),
        {
          parse_mode: "HTML",
          reply_markup: new InlineKeyboard().url(t("btn-pay", { total }), url),
        },
      );
    } catch (error) {
      await ctx.reply(refusalText(ctx, error, "buyer"));
    }
  });

  return composer;
}
