import { Composer, InlineKeyboard, type Context } from "grammy";
import type { Order } from "@/db/schema/orders";
import type { User } from "@/db/schema/users";
import { AppError } from "@/lib/platform/app-error";
import { changeOrderStatus } from "@/lib/orders/change-order-status";
import { findOrder } from "@/lib/orders/find-order";
import { listOrders, orderListQuery } from "@/lib/orders/list-orders";
import { orderVariables } from "@/lib/orders/order-variables";
import { deliverOrderData, shipOrderData } from "@/lib/telegram/callback-data";
import { isMessageGone } from "@/lib/telegram/telegram-error";
import { addLogFields } from "@/lib/platform/request-context";
import { findUserByTelegramId } from "@/lib/auth/users";
import { localeOf, type BotContext, type BotDeps, type Translate } from "@/bot/context";
import { refusalText } from "@/bot/refusal-text";

// What a seller can do next from the chat, as buttons under an order.
function nextStepButtons(order: Order, t: Translate, keyboard = new InlineKeyboard()) {
  const number = String(order.shopNumber);
  if (order.status === "paid") {
    keyboard.text(t("btn-ship-number", { number }), shipOrderData.pack({ orderId: order.id }));
  }
  if (order.status === "paid" || order.status === "shipped") {
    keyboard.text(
      t("btn-delivered-number", { number }),
      deliverOrderData.pack({ orderId: order.id }),
    );
  }
  return keyboard.row();
}

async function sellerOf(ctx: Context, deps: BotDeps): Promise<User | undefined> {
  const user = ctx.from ? await findUserByTelegramId(deps.db, ctx.from.id) : undefined;
  if (!user) await ctx.reply(localeOf(ctx).t("sellers-only"));
  else addLogFields({ sellerId: user.id });
  return user;
}

/**
 * The seller's side in Telegram: /orders lists open orders with buttons to move them on,
 * /order <number> shows one, and the buttons (also under new-order notices) change status
 * through the same lib function as the dashboard.
 */
export function sellerOrdersComposer(deps: BotDeps) {
  const composer = new Composer<BotContext>();
  const privateChats = composer.chatType("private");

  privateChats.command("orders", async (ctx) => {
    const seller = await sellerOf(ctx, deps);
    if (!seller) return;
    const { locale, t } = localeOf(ctx);
    const open = await listOrders(
      deps.db,
      // Even an admin manages their own shop here; all shops are on the dashboard.
      { ...seller, role: "seller" },
      orderListQuery.parse({ status: "paid,shipped", sort: "createdAt", dir: "asc", size: "10" }),
    );
    if (open.total === 0) return void (await ctx.reply(t("seller-orders-empty")));
    const keyboard = new InlineKeyboard();
    const lines = open.orders.map((order) => {
      nextStepButtons(order, t, keyboard);
      const vars = orderVariables(order, locale);
      return t("seller-order-line", { ...vars, status: t(`status-${order.status}`) });
    });
    await ctx.reply(
      [t("seller-orders-header", { count: open.orders.length }), ...lines].join("\n\n"),
      {
        parse_mode: "HTML",
        reply_markup: keyboard,
      },
    );
  });

  privateChats.command("order", async (ctx) => {
    const seller = await sellerOf(ctx, deps);
    if (!seller) return;
    const { locale, t } = localeOf(ctx);
    const number = /^#?(\d{1,12})$/.exec(ctx.match.trim())?.[1];
    if (!number) return void (await ctx.reply(t("seller-order-usage")));
    const order = await findOrder(deps.db, seller, Number(number));
    if (!order) return void (await ctx.reply(t("seller-order-not-found", { number })));
    const vars = orderVariables(order, locale);
    await ctx.reply(t("seller-order-detail", { ...vars, status: t(`status-${order.status}`) }), {
      parse_mode: "HTML",
      reply_markup: nextStepButtons(order, t),
    });
  });

  composer.callbackQuery([shipOrderData.pattern, deliverOrderData.pattern], async (ctx) => {
    const { t } = localeOf(ctx);
    const seller = await findUserByTelegramId(deps.db, ctx.from.id);
    if (seller) addLogFields({ sellerId: seller.id });
    const ship = shipOrderData.match(ctx.callbackQuery.data);
    const to = ship ? "shipped" : "delivered";
    const orderId = (ship ?? deliverOrderData.match(ctx.callbackQuery.data))?.orderId ?? "";
    try {
      if (!seller) throw new AppError("not_found", "order");
      const order = await changeOrderStatus(deps.db, seller, { orderId, to });
      const number = String(order.shopNumber);
      await ctx.answerCallbackQuery(
        t(to === "shipped" ? "marked-shipped" : "marked-delivered", { number }),
      );
      // The button has done its job; leaving it would invite a second tap. A message deleted
      // meanwhile has no button left to remove.
      await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch((error: unknown) => {
        if (!isMessageGone(error)) throw error;
      });
    } catch (error) {
      await ctx.answerCallbackQuery({ text: refusalText(ctx, error, "seller"), show_alert: true });
    }
  });

  return composer;
}
