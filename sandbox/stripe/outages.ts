import { StripeApiError } from "./api-error";

/** `POST /v1/checkout/sessions`: a method and an API path, as the router matches them. */
export type Endpoint = `${"GET" | "POST"} /v1/${string}`;

/**
 * Failures a test arranges on Stripe's side. A request hit by one fails with Stripe's 500 after
 * its endpoint began executing, so, as on Stripe, that answer is kept for its idempotency key
 * and every retry with the same key gets the 500 again.
 */
export function createOutages() {
  const due = new Map<Endpoint, number>();
  return {
    failNext(endpoint: Endpoint, times = 1): void {
      due.set(endpoint, (due.get(endpoint) ?? 0) + times);
    },
    /** Throws the arranged failure when one is due for this endpoint. */
    strike(endpoint: string): void {
      const left = due.get(endpoint as Endpoint) ?? 0;
      if (left === 0) return;
      due.set(endpoint as Endpoint, left - 1);
      throw new StripeApiError(500, {
        type: "api_error",
        message: "Something went wrong on Stripe's end.",
      });
    },
  };
}
