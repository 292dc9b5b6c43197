/**
 * The t.me address of a channel message: by the channel's @username when it has one, else the
 * private form t.me/c/<id>/<message>, whose id is the chat id without Telegram's -100 prefix
 * (it opens for the channel's members only).
 */
export function postLink(post: {
  username: string | null;
  telegramChatId: number;
  telegramMessageId: number;
}): string {
  if (post.username) return `https://t.me/${post.username}/${post.telegramMessageId}`;
  const internalId = String(post.telegramChatId).replace(/^-100/, "");
  return `https://t.me/c/${internalId}/${post.telegramMessageId}`;
}
