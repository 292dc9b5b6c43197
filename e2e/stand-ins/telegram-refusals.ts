// The Bot API's refusals the cases provoke, as Telegram words them
// (https://core.telegram.org/bots/api#making-requests: ok false, error_code, description, and
// parameters.retry_after when flood control hit).

/** What the Bot API answers when it refuses a call (error_code is also the HTTP status). */
export interface Refusal {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

export const refusals = {
  tooLong: { error_code: 400, description: "Bad Request: message is too long" },
  blocked: { error_code: 403, description: "Forbidden: bot was blocked by the user" },
  tooMany: (seconds: number): Refusal => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${seconds}`,
    parameters: { retry_after: seconds },
  }),
  internal: { error_code: 500, description: "Internal Server Error" },
} satisfies Record<string, Refusal | ((seconds: number) => Refusal)>;
