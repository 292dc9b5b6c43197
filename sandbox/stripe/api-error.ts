/** The body Stripe sends for every failed API request, under `error`. */
export interface StripeErrorBody {
  type: "invalid_request_error" | "idempotency_error" | "api_error" | "card_error";
  message: string;
  param?: string;
  code?: string;
  decline_code?: string;
}

/**
 * A failed API request, thrown by the routes and turned into Stripe's JSON error by the router.
 * `replayable` is false for parameter validation: Stripe saves an idempotent result only once an
 * endpoint has started executing, so a request that failed validation may be retried with the
 * same key after the caller fixes its parameters.
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly replayable = true,
  ) {
    super(body.message);
    this.name = "StripeApiError";
  }
}

export function invalidParam(param: string, message: string, code?: string): StripeApiError {
  return new StripeApiError(
    400,
    { type: "invalid_request_error", message, param, ...(code ? { code } : {}) },
    false,
  );
}

export function missingParam(param: string): StripeApiError {
  return invalidParam(param, `Missing required param: ${param}.`, "parameter_missing");
}

/** A referenced object that does not exist, e.g. `No such checkout.session: 'cs_test_x'`. */
export function resourceMissing(
  objectName: string,
  id: string,
  param: string,
  status = 404,
): StripeApiError {
  return new StripeApiError(status, {
    type: "invalid_request_error",
    message: `No such ${objectName}: '${id}'`,
    param,
    code: "resource_missing",
  });
}

/** A well-formed request that the object's current state does not allow. */
export function invalidState(message: string, code?: string, param?: string): StripeApiError {
  return new StripeApiError(400, {
    type: "invalid_request_error",
    message,
    ...(param ? { param } : {}),
    ...(code ? { code } : {}),
  });
}
