import { Composer } from "grammy";
import { recordBotBlocked, recordBotStarted } from "@/lib/telegram/bot-users";
import type { BotContext, BotDeps } from "@/bot/context";

/**
 * Telegram tells the bot when a user blocks or unblocks it (my_chat_member); a seller's
 * dashboard can then say at once why order notices are not arriving.
 */
export function membershipComposer(deps: BotDeps) {
  const composer = new Composer<BotContext>();
  composer.chatType("private").on("my_chat_member", async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "kicked") await recordBotBlocked(deps.db, ctx.from.id);
    else if (status === "member") await recordBotStarted(deps.db, ctx.from.id);
  });
  return composer;
}
