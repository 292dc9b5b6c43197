import type { GrammyError } from "grammy";

/** What the Bot API answered when it refused a call (grammY's GrammyError), by its fields. */
export type TelegramRefusal = Pick<GrammyError, "method" | "error_code" | "description"> &
  Partial<Pick<GrammyError, "parameters">>;

// Errors that carry a refusal's fields: grammY's own, and ours for a recipient who is gone.
const REFUSAL_ERROR_NAMES = new Set(["GrammyError", "TelegramRecipientGone"]);

/**
 * The Bot API's refusal behind `error`, or undefined for anything else (network, timeout, a
 * bug). Recognised by its fields rather than `instanceof GrammyError`: a bundle that carries
 * two copies of grammY would make instanceof false for errors thrown by the other copy.
 */
export function telegramRefusal(error: unknown): TelegramRefusal | undefined {
  if (!(error instanceof Error) || !REFUSAL_ERROR_NAMES.has(error.name)) return undefined;
  const { error_code, description } = error as Partial<GrammyError>;
  if (typeof error_code !== "number" || typeof description !== "string") return undefined;
  return error as GrammyError;
}

/**
 * True when Telegram could not give an answer rather than refused: no answer at all (network,
 * timeout: grammY's HttpError, recognised by name as above), flood control (429) or its own
 * failure (5xx). Asking later may work; meanwhile the call's answer is neither a yes nor a no.
 */
export function isTelegramUnavailable(error: unknown): boolean {
  const refusal = telegramRefusal(error);
  if (refusal) return refusal.error_code === 429 || refusal.error_code >= 500;
  return error instanceof Error && error.name === "HttpError";
}

/**
 * What a refusal means for the bot, when retrying it can never help:
 * - `query_expired`: a button press answered too late (~15 s) or twice; the spinner is gone.
 * - `not_modified`: an edit to exactly what the message already shows (a double tap).
 * - `message_deleted`: the message to edit is not there any more.
 * - `message_uneditable`: the message is there but may not be edited (any more).
 * - `recipient_gone`: 403, the bot may not write there (blocked, deactivated, kicked).
 */
export type RefusalOutcome =
  "query_expired" | "not_modified" | "message_deleted" | "message_uneditable" | "recipient_gone";

export function refusalOutcome(refusal: TelegramRefusal): RefusalOutcome | undefined {
  const { method, error_code: code, description } = refusal;
  if (code === 403) return "recipient_gone";
  if (code !== 400) return undefined;
  if (method === "answerCallbackQuery" && /query is too old|query ID is invalid/i.test(description))
    return "query_expired";
  if (!method.startsWith("editMessage")) return undefined;
  if (/message is not modified/i.test(description)) return "not_modified";
  if (/message to edit not found/i.test(description)) return "message_deleted";
  if (/message can't be edited/i.test(description)) return "message_uneditable";
  return undefined;
}

/** The outcome of the refusal behind `error`, if it is one of the above. */
export function refusalOutcomeOf(error: unknown): RefusalOutcome | undefined {
  const refusal = telegramRefusal(error);
  return refusal && refusalOutcome(refusal);
}

/** True for a refused edit whose message was deleted or can no longer be edited. */
export function isMessageGone(error: unknown): boolean {
  const outcome = refusalOutcomeOf(error);
  return outcome === "message_deleted" || outcome === "message_uneditable";
}

/**
 * True when Telegram refused a file_id we sent instead of the bytes: never issued to this bot
 * ("wrong file identifier/HTTP URL specified"), unreadable ("wrong remote file identifier
 * specified: …", once worded "wrong remote file id"), or too old ("file reference expired").
 * Sending the same file_id again never helps; uploading the file again does.
 */
export function isFileIdRefused(error: unknown): boolean {
  const refusal = telegramRefusal(error);
  return (
    refusal?.error_code === 400 &&
    /wrong file identifier|wrong remote file id|file[ _]reference[ _]expired/i.test(
      refusal.description,
    )
  );
}

/**
 * Thrown for a call Telegram refused with 403: nobody there will read an answer, so the update
 * that made the call is done rather than failed (see bot/middleware/recipient-gone.ts). It
 * carries the refusal's fields, so telegramRefusal() reads it like grammY's error.
 */
export class TelegramRecipientGone extends Error implements TelegramRefusal {
  readonly error_code: number;
  readonly description: string;
  constructor(
    readonly method: string,
    refusal: { error_code: number; description: string },
    /** The chat the call was for, when it named one by id. */
    readonly chatId?: number,
  ) {
    super(`Call to '${method}' refused: ${refusal.description}`);
    this.name = "TelegramRecipientGone";
    this.error_code = refusal.error_code;
    this.description = refusal.description;
  }
}

/**
 * The recipient-gone error behind `error`, also when a library wrapped it as the `cause` (the
 * conversations plugin does so for errors thrown inside its Api calls). By name, as above.
 */
export function recipientGone(error: unknown): TelegramRecipientGone | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    if (cause.name === "TelegramRecipientGone" && telegramRefusal(cause)) {
      return cause as TelegramRecipientGone;
    }
    cause = cause.cause;
  }
  return undefined;
}
