import type { Refusal } from "./telegram-refusals";

/**
 * Telegram's flood limits as its FAQ states them (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
 * about 30 messages a second from one bot, no more than one a second into one chat, and 20 a
 * minute into a group or channel. A message over a limit is refused with 429 and
 * `parameters.retry_after`, the seconds until it would have been taken.
 */
export interface FloodLimits {
  perSecond: number;
  /** Milliseconds between two messages into one private chat. */
  privateChatMs: number;
  /** Messages a minute into one group or channel. */
  groupPerMinute: number;
}

export const TELEGRAM_LIMITS: FloodLimits = {
  perSecond: 30,
  privateChatMs: 1000,
  groupPerMinute: 20,
};

/** Methods that put a message into a chat; answers, edits and reads are not counted. */
export const isMessageMethod = (method: string) => /^(send|copy|forward)/.test(method);

export function createFloodControl(limits: FloodLimits = TELEGRAM_LIMITS) {
  const botSends: number[] = [];
  const chatSends = new Map<number, number[]>();

  const tooMany = (waitMs: number): Refusal => {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return {
      error_code: 429,
      description: `Too Many Requests: retry after ${seconds}`,
      parameters: { retry_after: seconds },
    };
  };

  /** Takes a message into `chatId` now, or says how long to wait (a 429). */
  return function check(method: string, chatId: number | undefined, now = Date.now()) {
    if (!isMessageMethod(method) || chatId === undefined) return undefined;
    while (botSends.length > 0 && botSends[0]! <= now - 1000) botSends.shift();
    if (botSends.length >= limits.perSecond) return tooMany(botSends[0]! + 1000 - now);
    const sent = chatSends.get(chatId) ?? [];
    if (chatId > 0) {
      const last = sent[sent.length - 1];
      if (last !== undefined && now - last < limits.privateChatMs) {
        return tooMany(last + limits.privateChatMs - now);
      }
      chatSends.set(chatId, [now]);
    } else {
      while (sent.length > 0 && sent[0]! <= now - 60_000) sent.shift();
      if (sent.length >= limits.groupPerMinute) return tooMany(sent[0]! + 60_000 - now);
      sent.push(now);
      chatSends.set(chatId, sent);
    }
    botSends.push(now);
    return undefined;
  };
}

export type FloodControl = ReturnType<typeof createFloodControl>;
