import type { ResponseParameters } from "grammy/types";

/** The body Telegram sends for a failed call, and the HTTP status it uses (= error_code). */
export interface ApiErrorBody {
  ok: false;
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

/** Thrown by method implementations; the dispatcher turns it into an {@link ApiErrorBody}. */
export class TelegramApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = "TelegramApiError";
  }

  toBody(): ApiErrorBody {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

// Telegram prefixes every description with the HTTP reason phrase; callers pass only the rest.
export const badRequest = (reason: string) => new TelegramApiError(400, `Bad Request: ${reason}`);
export const forbidden = (reason: string) => new TelegramApiError(403, `Forbidden: ${reason}`);
export const conflict = (reason: string) => new TelegramApiError(409, `Conflict: ${reason}`);
