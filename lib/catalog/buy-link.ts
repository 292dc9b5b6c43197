/** The deep link behind a post's Buy button: opens the bot's chat on this product. */
export function buyLink(botUsername: string, payload: string) {
  return `https://t.me/${botUsername}?start=${payload}`;
}
