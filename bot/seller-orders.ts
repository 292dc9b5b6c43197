import { Composer } from "grammy";
import { InvalidTransition, OrderNotFound } from "@/lib/errors";
import { changeOrderStatus } from "@/lib/order-changes";
import { findUserByTelegramId } from "@/lib/users";
import { localeOf, type BotContext, type BotDeps } from "./context";

/** The seller's side in Telegram: buttons on order notices that move an order on. */
export function sellerOrdersComposer(deps: BotDeps) {
  const composer = new Composer<BotContext>();

  composer.callbackQuery(/^ship:([0-9a-f-]{36})$/, async (ctx) => {
    const { t } = localeOf(ctx);
    const seller = await findUserByTelegramId(deps.db, ctx.from.id);
    try {
      if (!seller) throw new OrderNotFound(ctx.match[1] ?? "");
      const order = await changeOrderStatus(
        deps.db,
        { userId: seller.id, role: seller.role },
        { orderId: ctx.match[1] ?? "", to: "shipped" },
      );
      await ctx.answerCallbackQuery(t("marked-shipped", { number: String(order.number) }));
      // The button has done its job; leaving it would invite a second tap.
      await ctx.editMessageReplyMarkup({ reply_markup: undefined });
    } catch (error) {
      if (error instanceof OrderNotFound) {
        await ctx.answerCallbackQuery({ text: t("not-your-order"), show_alert: true });
      } else if (error instanceof InvalidTransition) {
        await ctx.answerCallbackQuery({ text: t(`status-${error.from}`), show_alert: true });
      } else {
        throw error;
      }
    }
  });

  return composer;
}
