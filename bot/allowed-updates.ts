// The update types the bot handles; Telegram sends nothing else, which saves requests.
export const allowedUpdates = ["message", "callback_query", "my_chat_member"] as const;
