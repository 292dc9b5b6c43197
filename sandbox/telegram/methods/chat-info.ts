import type { ChatFullInfo, ChatMember } from "grammy/types";
import { badRequest, forbidden } from "../api-error";
import { findChannel, rightsIn } from "../chats";
import { privateChatOf } from "../history";
import { administrator, asUser, botUser, channelAdministrator } from "../members";
import { chatIdParam, requiredInt } from "../params";
import type { BotState, ChannelState, World } from "../state";
import type { MethodCall } from "./method";

// Fields every ChatFullInfo has; the simulator has nothing more interesting to say in them.
const FULL_INFO_DEFAULTS = {
  accent_color_id: 0,
  max_reaction_count: 11,
  accepted_gift_types: {
    unlimited_gifts: false,
    limited_gifts: false,
    unique_gifts: false,
    premium_subscription: false,
    gifts_from_channels: false,
  },
};

export function getChat({ world, bot, params }: MethodCall): ChatFullInfo {
  const chatId = chatIdParam(params);
  if (typeof chatId === "number" && chatId > 0) {
    const user = bot.users.get(chatId);
    if (!user) throw badRequest("chat not found");
    return { ...privateChatOf(user), ...FULL_INFO_DEFAULTS };
  }
  const channel = visibleChannel(world, bot, chatId);
  return { ...channel.chat, ...FULL_INFO_DEFAULTS };
}

export function getChatMember({ world, bot, params }: MethodCall): ChatMember {
  const chatId = chatIdParam(params);
  const userId = requiredInt(params, "user_id", "user_id is empty");
  if (typeof chatId === "number" && chatId > 0) {
    const user = bot.users.get(chatId);
    if (!user) throw badRequest("chat not found");
    if (userId === bot.me.id) return { status: "member", user: botUser(bot) };
    if (userId === chatId) return { status: "member", user: asUser(user) };
    throw badRequest("user not found");
  }
  const channel = visibleChannel(world, bot, chatId);
  const rights = rightsIn(channel, bot);
  if (userId === bot.me.id) {
    if (rights === "admin") return administrator(botUser(bot));
    return { status: rights === "member" ? "member" : "left", user: botUser(bot) };
  }
  if (rights === "none") throw forbidden("bot is not a member of the channel chat");
  if (channel.owner?.id === userId) {
    return { status: "creator", user: asUser(channel.owner), is_anonymous: false };
  }
  const admin = channel.admins.find((candidate) => candidate.id === userId);
  if (admin) return channelAdministrator(admin);
  const member = channel.members?.find((candidate) => candidate.id === userId);
  if (member) return { status: "member", user: asUser(member) };
  // Anyone else the bot has met is not in the channel; a user it never met, Telegram does
  // not look up for it.
  const known = bot.users.get(userId);
  if (!known) throw badRequest("user not found");
  return { status: "left", user: asUser(known) };
}

export function getChatAdministrators({ world, bot, params }: MethodCall): ChatMember[] {
  const chatId = chatIdParam(params);
  if (typeof chatId === "number" && chatId > 0) {
    throw badRequest("there are no administrators in the private chat");
  }
  const channel = visibleChannel(world, bot, chatId);
  if (rightsIn(channel, bot) === "none") throw forbidden("bot is not a member of the channel chat");
  return [
    ...(channel.owner
      ? [{ status: "creator" as const, user: asUser(channel.owner), is_anonymous: false }]
      : []),
    ...channel.admins.map(channelAdministrator),
    ...(rightsIn(channel, bot) === "admin" ? [administrator(botUser(bot))] : []),
  ];
}

/** A private channel the bot is not in is invisible to it; a public one is not. */
function visibleChannel(world: World, bot: BotState, chatId: number | string): ChannelState {
  const channel = findChannel(world, chatId);
  if (!channel) throw badRequest("chat not found");
  if (rightsIn(channel, bot) === "none" && !channel.chat.username)
    throw badRequest("chat not found");
  return channel;
}
