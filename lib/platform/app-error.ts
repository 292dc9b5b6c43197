import type { z } from "zod";

/**
 * What kind of refusal: the one thing every face (form, HTTP, bot) maps. A finer `reason` says
 * which one, for faces whose wording differs (a sold-out product vs an archived one).
 */
export const appErrorCodes = [
  "not_found",
  "forbidden",
  "invalid",
  "conflict",
  "unavailable",
] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

/** One field's problem: a message key the face translates, with its template values. */
export interface FieldProblem {
  key: string;
  over?: number;
}
export type FieldErrors = Partial<Record<string, FieldProblem>>;

/** What a face may need to word the refusal; each refusal fills only what applies to it. */
export interface AppErrorDetails {
  /** invalid: one entry per field (the first problem found for it). */
  fields?: FieldErrors;
  /** The product's title (archived, sold out). */
  title?: string;
  /** How many are left (out of stock). */
  available?: number;
  /** The order's status when a change was refused, and the one asked for. */
  from?: string;
  to?: string;
  /** An outside system's own words (ECS), shown to admins. */
  detail?: string;
}

/** The domain's one error type: lib/ throws it, the faces map its code once each. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly reason: string = code,
    readonly details: AppErrorDetails = {},
  ) {
    // An outside system's words are the message as they were before (they end up in logs
    // and in a deployment's recorded reason).
    super(details.detail ?? `${code} (${reason})`);
    this.name = "AppError";
  }
}

// By its fields, not instanceof: the dev server and Next's bundles may load this file twice.
export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  if (!(error instanceof Error) || error.name !== "AppError") return false;
  const found = (error as AppError).code;
  return appErrorCodes.includes(found) && (code === undefined || found === code);
}

/** zod's issues as one problem per field (the first), keyed by the top-level field name. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const over = (issue as { params?: { over?: number } }).params?.over;
    fields[String(issue.path[0] ?? "form")] ??= { key: issue.message, ...(over ? { over } : {}) };
  }
  return fields;
}

/** Parses input with a zod schema, refusing with `invalid` and its field errors. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  reason = "input",
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("invalid", reason, { fields: fieldErrorsOf(result.error) });
}
