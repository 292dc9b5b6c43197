import { conversations, createConversation } from "@grammyjs/conversations";
import { Bot, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { SendPace } from "@/lib/telegram/send-pace";
import { checkoutDialog } from "@/bot/features/checkout-dialog";
import { conversationTransformers, installUpdateTransformers } from "./bot-api";
import type { BotContext, BotDeps } from "./context";
import { postgresConversationStorage } from "@/bot/middleware/conversation-storage";
import { localeOf } from "./context";
import { membershipComposer } from "@/bot/features/membership";
import { renewComposer } from "@/bot/features/renew-checkout";
import { sellerOrdersComposer } from "@/bot/features/seller-orders";
import { soldOutComposer } from "@/bot/features/sold-out";
import { staleDialogButtonComposer } from "@/bot/features/stale-dialog-button";
import { buyComposer, startComposer } from "@/bot/features/start";
import { statusComposer } from "@/bot/features/status";
import { endUpdatesWithoutRecipient } from "@/bot/middleware/recipient-gone";
import { limitUpdatesPerUser } from "@/bot/middleware/limit-updates";
import type { Limit } from "@/lib/platform/rate-limit";

export interface BotOptions extends BotDeps {
  token: string;
  /** Telegram's Bot API by default; tests and the sandbox point it at a simulator. */
  apiRoot: string;
  /** Known bot identity, so a webhook request does not first have to call getMe. */
  botInfo?: UserFromGetMe;
  /** Telegram's send limits, shared with the outbox (lib/services.ts); none in most tests. */
  pace?: SendPace;
  /** Updates one user may send per window (bot/middleware/limit-updates.ts has the default). */
  updateLimit?: Limit;
}

// Telegram answers in well under a second; 15 s means it is not going to.
const API_TIMEOUT_SECONDS = 15;

// Dialogs nobody finished within a day are dropped; their stock was never reserved.
const DIALOG_TIMEOUT_MS = 24 * 60 * 60 * 1000;

export function createBot(options: BotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, {
    // A call that hangs would hold the buyer's chat: the inbox retries the update instead.
    client: { apiRoot: options.apiRoot, timeoutSeconds: API_TIMEOUT_SECONDS },
    botInfo: options.botInfo,
  });
  // Replies fail fast on 5xx and network failures (the inbox retries the update), failures
  // are counted, and refusals that are outcomes (a late answer, a double tap, a blocked user)
  // do not fail the update; in dialogs too (bot/bot-api.ts).
  installUpdateTransformers(bot.api, options.db, options.pace);

  bot.use(endUpdatesWithoutRecipient());
  // Before anything reads the update: a flood costs one statement per update, not a dialog's
  // replay, a product lookup or a Stripe call.
  bot.use(limitUpdatesPerUser(options.db, options.updateLimit));
  bot.use(
    conversations({
      storage: { type: "key", version: 1, adapter: postgresConversationStorage(options.db) },
      plugins: [conversationTransformers(options.db, options.pace)],
    }),
  );
  bot.use(membershipComposer(options));
  // Commands and buttons that must work in the middle of a dialog come before it.
  bot.use(startComposer(options));
  bot.use(statusComposer(options));
  bot.use(sellerOrdersComposer(options));
  bot.use(renewComposer(options));
  bot.use(soldOutComposer());
  bot.use(
    createConversation<BotContext, Context>(checkoutDialog(options), {
      id: "checkout",
      maxMillisecondsToWait: DIALOG_TIMEOUT_MS,
    }),
  );
  bot.use(buyComposer());
  bot.use(staleDialogButtonComposer(options));
  // A button from a dialog that has ended (e.g. a second tap on Confirm): say so.
  bot.on("callback_query:data", (ctx) =>
    ctx.answerCallbackQuery({ text: localeOf(ctx).t("button-expired") }),
  );
  bot.chatType("private").on("message:text", (ctx) => ctx.reply(localeOf(ctx).t("help")));
  return bot;
}
