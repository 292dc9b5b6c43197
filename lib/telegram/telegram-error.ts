import type { GrammyError } from "grammy";

/** What the Bot API answered when it refused a call (grammY's GrammyError), by its fields. */
export type TelegramRefusal = Pick<
  GrammyError,
  "method" | "error_code" | "description" | "parameters"
>;

/**
 * The Bot API's refusal behind `error`, or undefined for anything else (network, timeout, a
 * bug). Recognised by its fields rather than `instanceof GrammyError`: a bundle that carries
 * two copies of grammY would make instanceof false for errors thrown by the other copy.
 */
export function telegramRefusal(error: unknown): TelegramRefusal | undefined {
  if (!(error instanceof Error) || error.name !== "GrammyError") return undefined;
  const { error_code, description } = error as Partial<GrammyError>;
  if (typeof error_code !== "number" || typeof description !== "string") return undefined;
  return error as GrammyError;
}
