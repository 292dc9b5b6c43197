/**
 * The chat an update belongs to, as the inbox's ordering key: one chat's updates are handled
 * one at a time, in order, so two quick answers in a dialog never read the same state. An
 * update without a chat (an inline query) has a user; one with neither needs no order.
 */
export function updateOrderingKey(update: Record<string, unknown>): string | null {
  for (const [kind, value] of Object.entries(update)) {
    if (kind === "update_id" || !value || typeof value !== "object") continue;
    const body = value as {
      chat?: { id?: unknown };
      message?: { chat?: { id?: unknown } };
      user_chat_id?: unknown;
      from?: { id?: unknown };
      user?: { id?: unknown };
    };
    const id =
      body.chat?.id ??
      body.message?.chat?.id ??
      body.user_chat_id ??
      body.from?.id ??
      body.user?.id;
    if (typeof id === "number") return `chat:${id}`;
  }
  return null;
}

/**
 * How urgent an update is when many wait: a button press or an answer in a private chat moves
 * a started conversation (a checkout) forward and goes first (1); a /start (a tap on a post's
 * Buy link, which shows a new card) and anything else waits its turn (0).
 */
export function updatePriority(update: Record<string, unknown>): number {
  if (update.callback_query) return 1;
  const message = update.message as { chat?: { type?: unknown }; text?: unknown } | undefined;
  // Read as data from outside: a malformed update is stored (the bot ignores it), not a 500.
  const text = typeof message?.text === "string" ? message.text : "";
  if (message?.chat?.type === "private" && !text.startsWith("/start")) return 1;
  return 0;
}
