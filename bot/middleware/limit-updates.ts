import type { Context, MiddlewareFn } from "grammy";
import type { Database } from "@/db/client";
import { processingInboxRow } from "@/lib/jobs/inbox-replies";
import { logger } from "@/lib/platform/logger";
import { hitLimit, type Limit } from "@/lib/platform/rate-limit";
import { localeOf } from "@/bot/context";

/**
 * What one Telegram user may send in a window. A person in the order dialog sends an answer
 * every few seconds, and a quick one taps a button twice: a handful in ten seconds. Twenty is
 * what a script or a held-down key sends, not a buyer; a promotion's buyers are thousands of
 * users with a handful each, every one with a count of their own.
 */
export const UPDATES_PER_USER: Limit = { max: 20, windowSeconds: 10 };

/**
 * Drops a user's updates beyond `limit` per window before anything else reads them (their
 * dialog, the database, Stripe), counted in Postgres so that every app copy counts together.
 * The first update over the limit is answered once, politely, in the user's language: a
 * message in a private chat, or the button's own short answer for a tap. The rest of the
 * window's updates are done without an answer, so the inbox does not try them again.
 *
 * Counted by when each update arrived (its inbox row), not when it is processed: one chat's
 * updates are processed one at a time, and each reply waits for the chat's turn (Telegram
 * allows about one message a second per chat), so a hundred /start sent in one second are
 * worked off over a hundred seconds, and no ten seconds of processing would ever see more
 * than the limit. An update tried again was counted on its first attempt, which let it in.
 */
export function limitUpdatesPerUser(
  db: Database,
  limit: Limit = UPDATES_PER_USER,
): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    // Telegram's reports of membership (the user blocked the bot, a channel's admins changed)
    // are not the user talking: they keep the shop's records right and are never answered.
    if (userId === undefined || ctx.myChatMember || ctx.chatMember) return next();
    const row = processingInboxRow();
    if (row?.retry) return next();
    const hit = await hitLimit(db, `updates:${userId}`, limit, row?.receivedAt);
    if (hit.allowed) return next();
    // One count per update, in one statement: exactly one update of the window is the first
    // one over, however many arrive at once and in however many copies.
    if (hit.count !== limit.max + 1) return;
    logger.warn(
      { event: "telegram.rate_limited", ...limit, retryAfter: hit.retryAfter },
      "a user's updates exceed the limit: the rest of the window is dropped",
    );
    const text = localeOf(ctx).t("too-fast");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
    else if (ctx.chat?.type === "private") await ctx.reply(text);
  };
}
