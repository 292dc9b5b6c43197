import { Composer, InlineKeyboard, type Context } from "grammy";
import { listBuyerOrders } from "@/lib/orders/buyer-orders";
import { invoiceLabel, invoiceLink, invoicesOfOrders } from "@/lib/invoices/find-invoice";
import { escapeHtml } from "@/lib/telegram/html";
import { statusPageData } from "@/lib/telegram/callback-data";
import { isMessageGone } from "@/lib/telegram/telegram-error";
import { orderVariables } from "@/lib/orders/order-variables";
import { localeOf, type BotContext, type BotDeps } from "@/bot/context";

async function statusPage(ctx: Context, deps: BotDeps, page: number) {
  const { locale, t } = localeOf(ctx);
  const buyerId = ctx.from?.id ?? 0;
  const result = await listBuyerOrders(deps.db, buyerId, page);
  if (result.total === 0) return { text: t("status-empty"), keyboard: undefined };
  const date = new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    dateStyle: "medium",
  });
  const invoices = await invoicesOfOrders(
    deps.db,
    result.orders.map((order) => order.id),
  );
  const lines = await Promise.all(
    result.orders.map(async (order) => {
      const vars = orderVariables(order, locale);
      const line = t("status-line", {
        number: vars.number,
        date: date.format(order.createdAt),
        items: vars.items,
        total: vars.total,
        status: t(`status-${order.status}`),
        next: t(`next-${order.status}`),
      });
      const invoice = invoices.get(order.id);
      if (!invoice) return line;
      // A fresh link every time: the one in the invoice message expires.
      const link = await invoiceLink(deps.db, deps.publicUrl, invoice);
      return `${line}\n${t("status-invoice", { link: escapeHtml(link), invoice: invoiceLabel(invoice) })}`;
    }),
  );
  const keyboard = new InlineKeyboard();
  if (result.page > 1)
    keyboard.text(t("btn-previous"), statusPageData.pack({ page: result.page - 1 }));
  if (result.page < result.pages)
    keyboard.text(t("btn-next"), statusPageData.pack({ page: result.page + 1 }));
  const header = t("status-header", { page: result.page, pages: result.pages });
  return {
    text: [header, ...lines].join("\n\n"),
    keyboard: result.pages > 1 ? keyboard : undefined,
  };
}

/** /status: the buyer's orders, newest first, with what happens next; paged by buttons. */
export function statusComposer(deps: BotDeps) {
  const composer = new Composer<BotContext>();
  const privateChats = composer.chatType("private");

  privateChats.command("status", async (ctx) => {
    const { text, keyboard } = await statusPage(ctx, deps, 1);
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
  });

  // A double tap edits to the same page twice; the Api settles the second "not modified".
  privateChats.callbackQuery(statusPageData.pattern, async (ctx) => {
    await ctx.answerCallbackQuery();
    const page = statusPageData.match(ctx.callbackQuery.data)?.page ?? 1;
    const { text, keyboard } = await statusPage(ctx, deps, page);
    const options = { parse_mode: "HTML" as const, reply_markup: keyboard };
    try {
      await ctx.editMessageText(text, options);
    } catch (error) {
      // The list was deleted meanwhile (or can no longer be edited): the page is the answer.
      if (!isMessageGone(error)) throw error;
      await ctx.reply(text, options);
    }
  });

  return composer;
}
