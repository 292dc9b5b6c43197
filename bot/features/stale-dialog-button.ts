import { Composer } from "grammy";
import { firstBuyerOrderSince } from "@/lib/orders/buyer-orders";
import { localeOf, type BotContext, type BotDeps } from "@/bot/context";

// Statuses in which the order was paid: nothing in its dialog is left to tap.
const PAID = new Set(["paid", "shipped", "delivered"]);

// Any button of the order dialog ("dlg", "dlg:country:DE", …).
const DIALOG_BUTTON = /^dlg(:|$)/;

/**
 * A dialog button tapped after its dialog ended. The dialog takes each keyboard off once
 * used, but not the one of a question left open by /cancel, nor those sent before it did so;
 * and the Pay message's id is not kept, so its button cannot be taken off when payment comes.
 * Such a tap says "This order is already paid" when the order that dialog led to is paid
 * (the first the buyer placed after the tapped message was sent), else that it has expired.
 */
export function staleDialogButtonComposer(deps: BotDeps) {
  const composer = new Composer<BotContext>();
  composer.chatType("private").callbackQuery(DIALOG_BUTTON, async (ctx) => {
    const { t } = localeOf(ctx);
    const sentAt = ctx.callbackQuery.message?.date;
    const order =
      sentAt === undefined
        ? undefined
        : await firstBuyerOrderSince(deps.db, ctx.from.id, new Date(sentAt * 1000));
    const paid = order !== undefined && PAID.has(order.status);
    await ctx.answerCallbackQuery({ text: t(paid ? "renew-already-paid" : "button-expired") });
  });
  return composer;
}
