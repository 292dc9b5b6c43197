import type Stripe from "stripe";

/** What Stripe's SDK says when a call failed (its StripeError), by its fields. */
export type StripeFailure = Pick<
  Stripe.errors.StripeError,
  "type" | "message" | "statusCode" | "code" | "rawType"
>;

/**
 * The Stripe failure behind `error` (an API refusal, a 5xx, a timeout or no connection), or
 * undefined for anything else. Recognised by its `type` (each SDK error class sets its own name
 * there, e.g. "StripeAPIError"), not `instanceof`: the built app bundles the SDK more than once,
 * and an error thrown by one copy is not an instance of another copy's class.
 */
export function stripeFailure(error: unknown): StripeFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const { type } = error as { type?: unknown };
  return typeof type === "string" && /^Stripe[A-Za-z]*Error$/.test(type)
    ? (error as unknown as StripeFailure)
    : undefined;
}

/**
 * Whether Stripe's answer used up the idempotency key the call was sent with, so the next try
 * needs a new one. Stripe keeps the first answer a key got once its request began executing,
 * errors (a 500 too) included, and replays it; the key with other parameters gets
 * idempotency_error for 24 hours; a request refused before executing would be refused again
 * with the same parameters. Only 409 (the key's first request is still running: its result is
 * coming) and 429 (rate limited, not kept) leave the key worth sending again. A call that got
 * no answer (a timeout, a dropped connection, a proxy's page instead of Stripe's JSON) may have
 * succeeded at Stripe: only the same key can find out.
 */
export function spentIdempotencyKey(failure: StripeFailure): boolean {
  const status = failure.statusCode;
  return status !== undefined && status !== 409 && status !== 429;
}
