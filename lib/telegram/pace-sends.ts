import type { Transformer } from "grammy";
import type { PacedCall, SendPace } from "./send-pace";

// The Bot API's methods that put a message into a chat; edits change one already there.
const SENDS = new Set([
  "sendMessage",
  "sendPhoto",
  "sendMediaGroup",
  "sendDocument",
  "sendVideo",
  "sendAnimation",
  "sendAudio",
  "sendVoice",
  "sendSticker",
  "sendLocation",
  "sendContact",
  "sendPoll",
  "sendDice",
  "sendInvoice",
  "copyMessage",
  "copyMessages",
  "forwardMessage",
  "forwardMessages",
]);

/** Whether a method puts a new message into a chat. */
export function isSendMethod(method: string): boolean {
  return SENDS.has(method);
}

function pacedCall(method: string): PacedCall | undefined {
  if (SENDS.has(method)) return "send";
  if (method.startsWith("editMessage")) return "edit";
  return undefined;
}

export interface PaceOptions {
  /** Longer waits are not slept out: `tooLong(ms)` is thrown for the caller to reschedule. */
  maxWaitMs?: number;
  tooLong?: (waitMs: number) => Error;
}

/**
 * Waits for the bot's and the chat's turn before every message (lib/telegram/send-pace.ts), and
 * pauses every sender on a 429. Installed nearest the network, so each retry waits its turn too.
 */
export function paceSends(pace: SendPace, { maxWaitMs, tooLong }: PaceOptions = {}): Transformer {
  return async (prev, method, payload, signal) => {
    const call = pacedCall(method);
    const chat = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    if (call && (typeof chat === "number" || typeof chat === "string")) {
      const declined = await pace.take(chat, call, maxWaitMs);
      if (declined !== undefined) {
        throw tooLong?.(declined) ?? new Error(`Telegram's pace: wait ${declined} ms`);
      }
    }
    const result = await prev(method, payload, signal);
    if (!result.ok && result.error_code === 429) {
      await pace.pauseAll(result.parameters?.retry_after ?? 1);
    }
    return result;
  };
}
