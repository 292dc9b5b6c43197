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
