import type { Chat } from "grammy/types";
import { badRequest, forbidden } from "./api-error";
import { privateHistory } from "./history";
import type { BotState, ChannelState, ChatHistory, World } from "./state";
import type { BotRights, SimUser } from "./types";

/** A chat a method addresses, with what the rules below need to know about it. */
export type Target =
  | { kind: "private"; user: SimUser; history: ChatHistory }
  | { kind: "channel"; channel: ChannelState; history: ChatHistory };

export function rightsIn(channel: ChannelState, bot: BotState): BotRights {
  return channel.rights.get(bot.me.id) ?? channel.defaultRights;
}

export function findChannel(world: World, chatId: number | string): ChannelState | undefined {
  if (typeof chatId === "number") return world.channels.get(chatId);
  const username = chatId.slice(1).toLowerCase();
  return [...world.channels.values()].find(
    (channel) => channel.chat.username?.toLowerCase() === username,
  );
}

/**
 * Resolves chat_id to a chat the bot may write to, failing as Telegram does: a user must have
 * started the bot and not blocked it; in a channel the bot must be an admin that can post.
 */
export function writableChat(world: World, bot: BotState, chatId: number | string): Target {
  if (typeof chatId === "number" && chatId > 0) {
    const user = bot.users.get(chatId);
    // Telegram answers "chat not found" (400) for ids it never saw; treating them like known
    // users keeps the rule simple: no private message until the user has started the bot.
    if (!user || !bot.started.has(chatId)) {
      throw forbidden("bot can't initiate conversation with a user");
    }
    if (bot.blocked.has(chatId)) throw forbidden("bot was blocked by the user");
    return { kind: "private", user, history: privateHistory(bot, user) };
  }
  const channel = findChannel(world, chatId);
  if (!channel) throw badRequest("chat not found");
  const rights = rightsIn(channel, bot);
  if (rights === "none") throw forbidden("bot is not a member of the channel chat");
  if (rights === "member") throw badRequest("need administrator rights in the channel chat");
  return { kind: "channel", channel, history: channel.history };
}

/** The chat as a message carries it. */
export function chatOf(target: Target): Chat {
  return target.history.chat;
}
