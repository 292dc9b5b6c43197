import { Composer, InlineKeyboard, type Context } from "grammy";
import { reopenOrder } from "@/lib/checkout/reopen-order";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { rememberPayMessage } from "@/lib/orders/pay-message";
import { isAppError } from "@/lib/platform/app-error";
import { formatMoney } from "@/lib/platform/money";
import { CHECKOUT_LIFETIME_SECONDS } from "@/lib/checkout/checkout-attempt";
import { renewCheckoutData } from "@/lib/telegram/callback-data";
import { localeOf, type BotContext, type BotDeps } from "@/bot/context";
import { refusalText } from "@/bot/refusal-text";
import { removeButtons } from "./dialog-buttons";

// Statuses in which the order was paid: an old "New payment link" has nothing left to do.
const PAID = new Set(["paid", "shipped", "delivered"]);

/**
 * The words for a tap on a "New payment link" the order has moved past (paid, or closed),
 * shown where the tap was made; undefined for any other refusal.
 */
function staleButtonText(ctx: Context, error: unknown): string | undefined {
  if (!isAppError(error, "conflict")) return undefined;
  const { t } = localeOf(ctx);
  return t(PAID.has(error.details.from ?? "") ? "renew-already-paid" : "button-expired");
}

/** "New payment link" under an expired or failed payment: same order, fresh Checkout. */
export function renewComposer(deps: BotDeps) {
  const composer = new Composer<BotContext>();

  composer.chatType("private").callbackQuery(renewCheckoutData.pattern, async (ctx) => {
    const { locale, t } = localeOf(ctx);
    const orderId = renewCheckoutData.match(ctx.callbackQuery.data)?.orderId ?? "";
    let reopened;
    try {
      // Before the answer (one quick transaction): a stale button is answered on the tap.
      reopened = await reopenOrder(deps.db, orderId, ctx.from.id);
    } catch (error) {
      const stale = staleButtonText(ctx, error);
      if (stale) return void (await ctx.answerCallbackQuery({ text: stale }));
      await ctx.answerCallbackQuery();
      return void (await ctx.reply(refusalText(ctx, error, "buyer")));
    }
    // Stripe may take a moment: the spinner stops first.
    await ctx.answerCallbackQuery();
    // A second tap on the same button (or ten): the order is open and its link went out with
    // the first tap's message, just above. Another copy of that message would add nothing.
    if (!reopened.reopened && reopened.order.stripeCheckoutUrl) return;
    try {
      const { order, url } = await startCheckout(deps.db, deps.stripe, reopened.order.id, {
        publicUrl: deps.publicUrl,
      });
      const total = formatMoney(order.totalAmountMinor, order.currency, locale);
      const payMessage = await ctx.reply(
        t("checkout-ready", {
          number: String(order.shopNumber),
          total,
          minutes: CHECKOUT_LIFETIME_SECONDS / 60,
        }),
        {
          parse_mode: "HTML",
          reply_markup: new InlineKeyboard().url(t("btn-pay", { total }), url),
        },
      );
      // Its button goes once the link is used up; paid already (a very quick buyer), now.
      if (!(await rememberPayMessage(deps.db, order.id, payMessage.message_id))) {
        await removeButtons(ctx, payMessage);
      }
    } catch (error) {
      await ctx.reply(refusalText(ctx, error, "buyer"));
    }
  });

  return composer;
}
