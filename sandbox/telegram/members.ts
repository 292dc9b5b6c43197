import type { ChatMemberAdministrator, User } from "grammy/types";
import type { BotState, World } from "./state";
import type { ChannelAdmin, MemberStatus, SimUser } from "./types";

/** The bot as the `from` of its messages and the `user` of its memberships. */
export function botUser(bot: BotState): User {
  return { id: bot.me.id, is_bot: true, first_name: bot.me.first_name, username: bot.me.username };
}

export function asUser(user: SimUser): User {
  return { ...user, is_bot: false };
}

/** A channel administrator that can do what a shop bot needs: post, edit and delete. */
export function administrator(user: User): ChatMemberAdministrator {
  return {
    status: "administrator",
    user,
    can_be_edited: false,
    is_anonymous: false,
    can_manage_chat: true,
    can_delete_messages: true,
    can_manage_video_chats: false,
    can_restrict_members: false,
    can_promote_members: false,
    can_change_info: false,
    can_invite_users: true,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
    can_post_messages: true,
    can_edit_messages: true,
    can_send_welcome_messages: false,
  };
}

/** One of a channel's human administrators, with the rights they were given. */
export function channelAdministrator({
  canPostMessages = true,
  ...user
}: ChannelAdmin): ChatMemberAdministrator {
  return { ...administrator(asUser(user)), can_post_messages: canPostMessages };
}

/**
 * Puts `user` where `status` says in a channel: an administrator (who may post unless
 * `canPostMessages` is false), a subscriber, or gone. A creator given another status stops
 * being the creator, as after handing the channel over. Telegram would tell an admin bot with
 * a chat_member update; the app does not ask for those, so none is sent.
 */
export function setMemberStatus(
  world: World,
  channelId: number,
  user: SimUser,
  status: MemberStatus,
  options: { canPostMessages?: boolean } = {},
): void {
  const channel = world.channels.get(channelId);
  if (!channel) throw new Error(`no channel ${channelId}; add it with addChannel first`);
  if (channel.owner?.id === user.id) delete channel.owner;
  channel.admins = channel.admins.filter((admin) => admin.id !== user.id);
  channel.members = (channel.members ?? []).filter((member) => member.id !== user.id);
  if (status === "administrator") {
    const rights = options.canPostMessages === false ? { canPostMessages: false } : {};
    channel.admins.push({ ...user, ...rights });
  }
  if (status === "member") channel.members.push(user);
  // Seen in the channel: from now on getChatMember answers "left" for them rather than "user
  // not found", as it does for anyone the bots have met.
  for (const bot of world.bots.values()) if (!bot.users.has(user.id)) bot.users.set(user.id, user);
}
