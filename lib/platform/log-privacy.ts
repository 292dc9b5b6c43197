// What must never reach a log line (CloudWatch keeps them for months and many people read
// them): secrets and tokens, and a buyer's name, street, postcode and e-mail. City and country
// may stay: they say where an order goes without saying to whom.

/** Keys whose values are censored wherever they appear (up to four levels deep). */
const privateKeys = new Set([
  // secrets and credentials
  "DATABASE_URL",
  "databaseUrl",
  "password",
  "token",
  "secret",
  "secretKey",
  "webhookSecret",
  "secretToken",
  "apiKey",
  "authorization",
  "cookie",
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_WEBHOOK_SECRET",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "AUTH_SECRET",
  "TELEGRAM_LOGIN_CLIENT_SECRET",
  "SMTP_URL",
  "smtpUrl",
  "x-telegram-bot-api-secret-token",
  "stripe-signature",
  // a buyer's contact and address, as our orders and Stripe's objects name them
  "contactName",
  "email",
  "addressStreet",
  "addressPostcode",
  "street",
  "postcode",
  "postal_code",
  "line1",
  "line2",
  "phone",
  "first_name",
  "last_name",
  "customer_email",
  "customer_details",
  "billing_details",
  "shipping",
  "shipping_details",
  // what a buyer typed to the bot (their address, while the dialog asks for it), and the
  // texts we send (a seller's order notice carries the address)
  "text",
  "caption",
  // whole Telegram updates and API payloads, which carry all of the above
  "update",
  "payload",
]);

export const CENSORED = "[redacted]";

// The deepest level whose keys are looked at: 0 is the log object's own keys.
const DEEPEST = 3;

/**
 * The log object with every value under a private key replaced by "[redacted]", at any of its
 * first four levels (pino's formatters.log, run on every line). Only nested objects are walked,
 * and copied only where something is censored: the caller's objects are never changed, and a
 * flat line costs one set lookup per key. (pino's own redact, given a wildcard path per key and
 * level, took ~250 µs for a webhook's one-line answer, against ~2 µs for this walk; a webhook
 * request is ~1 ms in all.) `err` and `error` are left to serializeError, which keeps only an
 * error's safe fields.
 */
export function censorPrivateFields(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key in object) {
    const value = object[key];
    if (key === "err" || key === "error") continue;
    const censored = censorValue(key, value, 0);
    if (censored !== value) (copy ??= { ...object })[key] = censored;
  }
  return copy ?? object;
}

function censorValue(key: string, value: unknown, depth: number): unknown {
  if (value === undefined) return value;
  if (privateKeys.has(key)) return CENSORED;
  if (depth === DEEPEST || value === null || typeof value !== "object") return value;
  // A Buffer's bytes are no keys to look at (JSON shows them as numbers, as pino did).
  if (ArrayBuffer.isView(value)) return value;
  let copy: Record<string, unknown> | unknown[] | undefined;
  const source = value as Record<string, unknown>;
  for (const inner in source) {
    const innerValue = source[inner];
    const censored = censorValue(inner, innerValue, depth + 1);
    if (censored === innerValue) continue;
    copy ??= Array.isArray(value) ? [...value] : { ...source };
    (copy as Record<string, unknown>)[inner] = censored;
  }
  return copy ?? value;
}

const emailPattern = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[A-Za-z]{2,}/g;

/**
 * Removes what free text may carry: e-mail addresses (Stripe echoes an invalid one in its
 * error message) and the parameters of a failed query (Drizzle appends them to its message, and
 * an order's insert carries the whole address).
 */
export function scrubText(text: string): string {
  return (
    text
      .replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/g, "\nparams: [redacted]")
      // Postgres quotes the value it could not take: `invalid input syntax for type uuid: "…"`.
      .replace(/(for type [\w ]+): "[^"]*"/g, "$1: [redacted]")
      .replace(emailPattern, "[email]")
  );
}

// Error fields that describe what went wrong without carrying anybody's data.
const safeErrorFields = [
  "code",
  "error_code",
  "description",
  "method",
  "statusCode",
  "status",
  "rawType",
  "requestId",
  "param",
  "constraint",
  "table",
  "column",
  "digest",
] as const;

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: SerializedError | string;
  [field: string]: unknown;
}

/**
 * An error as a log line may carry it. grammY's errors hold the whole update (BotError.ctx) or
 * the call's parameters (GrammyError.payload), Stripe's the raw response, Postgres's a `detail`
 * with the offending values: only the type, message, stack and the fields above are kept.
 */
export function serializeError(error: unknown, depth = 0): SerializedError | string {
  if (!(error instanceof Error)) {
    return typeof error === "string" ? scrubText(error) : `[${typeof error}]`;
  }
  const fields = error as unknown as Record<string, unknown>;
  const serialized: SerializedError = {
    type: errorType(error, fields),
    message: scrubText(error.message),
  };
  if (error.stack) serialized.stack = scrubText(error.stack);
  for (const field of safeErrorFields) {
    const value = fields[field];
    if (typeof value === "number" || typeof value === "boolean") serialized[field] = value;
    if (typeof value === "string") serialized[field] = scrubText(value).slice(0, 500);
  }
  if (depth < 3) {
    // BotError wraps what a handler threw in `error`; Drizzle and others use `cause`.
    const inner = fields.error instanceof Error ? fields.error : error.cause;
    if (inner !== undefined) serialized.cause = serializeError(inner, depth + 1);
  }
  return serialized;
}

// The error's class as a reader knows it. Bundled (and minified) code renames classes, so a
// name the error sets itself comes first; Stripe's errors keep theirs in `type`.
function errorType(error: Error, fields: Record<string, unknown>): string {
  if (error.name && error.name !== "Error") return error.name;
  if (typeof fields.type === "string" && /^[A-Z]\w*Error$/.test(fields.type)) return fields.type;
  return error.constructor?.name || error.name;
}

/** An error in one short line, for a webhook's failure reason or the Monitoring page. */
export function describeError(error: unknown): string {
  const serialized = serializeError(error);
  if (typeof serialized === "string") return serialized.slice(0, 300);
  const firstLine = serialized.message.split("\n")[0] ?? "";
  return `${serialized.type}: ${firstLine}`.slice(0, 300);
}
