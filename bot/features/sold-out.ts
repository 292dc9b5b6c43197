import { Composer } from "grammy";
import { soldOutData } from "@/lib/telegram/callback-data";
import { localeOf, type BotContext } from "@/bot/context";

/**
 * The "Sold out" button that replaces Buy on a channel post once nothing is left. A tap must
 * say something: a silent answer only stops the spinner, and the buyer thinks the bot is
 * broken. The tap comes from a channel, by someone the bot may never have talked to (it cannot
 * write to them first), so an alert on their screen is the one place an answer can go.
 */
export function soldOutComposer() {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(soldOutData.pattern, (ctx) =>
    ctx.answerCallbackQuery({ text: localeOf(ctx).t("sold-out-alert"), show_alert: true }),
  );
  return composer;
}
