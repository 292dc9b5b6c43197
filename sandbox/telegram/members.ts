import type { ChatMemberAdministrator, User } from "grammy/types";
import type { BotState } from "./state";
import type { SimUser } from "./types";

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
