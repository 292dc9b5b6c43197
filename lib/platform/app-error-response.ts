import type { AppError, AppErrorCode, FieldProblem } from "./app-error";

/** The HTTP status of each refusal: bad input is the client's (4xx), never ours (5xx). */
export const httpStatusOf: Record<AppErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  invalid: 422,
  conflict: 409,
  unavailable: 503,
};

// The JSON API speaks English. A reason's own text wins over its code's.
const texts: Record<string, string> = {
  "not_found.product": "No such product.",
  not_found: "Not found.",
  forbidden: "Only admins may do this.",
  invalid: "Check the fields.",
  conflict: "That cannot be done in the current state.",
  unavailable: "Not available right now; try again later.",
};

/**
 * A refusal as route handlers and the JSON API answer it: `{ "errors": { field: text } }` for
 * invalid input (each field worded by `fieldText`), else `{ "error": text }`, with its status.
 */
export function appErrorResponse(
  error: AppError,
  fieldText: (problem: FieldProblem) => string = (problem) => problem.key,
): Response {
  const status = httpStatusOf[error.code];
  const fields = error.details.fields;
  if (error.code === "invalid" && fields) {
    const errors = Object.fromEntries(
      Object.entries(fields).map(([field, problem]) => [field, problem ? fieldText(problem) : ""]),
    );
    return Response.json({ errors }, { status });
  }
  const text = texts[`${error.code}.${error.reason}`] ?? texts[error.code];
  return Response.json({ error: text }, { status });
}
