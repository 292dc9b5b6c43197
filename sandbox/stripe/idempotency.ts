import { StripeApiError } from "./api-error";

/** A finished API response, kept so a retry with the same key gets it back unchanged. */
export interface ApiResponse {
  status: number;
  body: string;
  requestId: string;
}

interface Saved extends ApiResponse {
  endpoint: string;
  params: string;
  savedAt: number;
}

// Stripe forgets keys after 24 hours; a key reused later starts a new request.
const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

/**
 * Stripe's `Idempotency-Key`: the first response for a key is saved and replayed for every
 * retry with the same endpoint and parameters, whoever chose the key (the app, or the SDK's
 * automatic `stripe-node-retry-…` keys). A request failing parameter validation is not saved.
 */
export function createIdempotencyStore(nowMs: () => number) {
  const saved = new Map<string, Saved>();
  const inFlight = new Set<string>();

  function forgetExpired(): void {
    const cutoff = nowMs() - KEY_LIFETIME_MS;
    for (const [key, entry] of saved) if (entry.savedAt < cutoff) saved.delete(key);
  }

  async function run(
    key: string,
    endpoint: string,
    params: string,
    execute: () => Promise<ApiResponse>,
  ): Promise<ApiResponse & { replayed: boolean }> {
    if (key.length > MAX_KEY_LENGTH) {
      throw idempotencyError(
        `Keys for idempotent requests can be up to ${MAX_KEY_LENGTH} characters long.`,
        "invalid_request_error",
      );
    }
    forgetExpired();
    const previous = saved.get(key);
    if (previous) {
      if (previous.endpoint !== endpoint) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${previous.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (previous.params !== params) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      return { ...previous, replayed: true };
    }
    if (inFlight.has(key)) {
      throw new StripeApiError(409, {
        type: "idempotency_error",
        code: "idempotency_key_in_use",
        message:
          "There is currently another in-progress request using this Stripe token (probably the idempotency key). Please try again later.",
      });
    }

    inFlight.add(key);
    try {
      const response = await execute();
      saved.set(key, { ...response, endpoint, params, savedAt: nowMs() });
      return { ...response, replayed: false };
    } finally {
      inFlight.delete(key);
    }
  }

  return { run };
}

function idempotencyError(
  message: string,
  type: "idempotency_error" | "invalid_request_error" = "idempotency_error",
): StripeApiError {
  return new StripeApiError(400, { type, message }, false);
}
