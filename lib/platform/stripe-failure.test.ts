import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { spentIdempotencyKey, stripeFailure } from "./stripe-failure";

describe("stripeFailure", () => {
  it("reads the SDK's own errors: an API error, a timeout, a refused request", () => {
    const api = new Stripe.errors.StripeAPIError({
      message: "Something went wrong",
      statusCode: 500,
    });
    expect(stripeFailure(api)).toMatchObject({ type: "StripeAPIError", statusCode: 500 });
    const offline = new Stripe.errors.StripeConnectionError({ message: "timed out" });
    expect(stripeFailure(offline)?.type).toBe("StripeConnectionError");
    const refused = new Stripe.errors.StripeInvalidRequestError({
      message: "Keys for idempotent requests can only be used with the same parameters",
      type: "idempotency_error",
      statusCode: 400,
    });
    expect(stripeFailure(refused)).toMatchObject({
      type: "StripeInvalidRequestError",
      rawType: "idempotency_error",
    });
  });

  it("recognises an error of another copy of the SDK by its fields", () => {
    // What a second bundled copy throws: the same fields, but not this copy's class.
    const foreign = Object.assign(new Error("An error occurred with our connection to Stripe."), {
      type: "StripeConnectionError",
    });
    expect(foreign).not.toBeInstanceOf(Stripe.errors.StripeError);
    expect(stripeFailure(foreign)?.type).toBe("StripeConnectionError");
  });

  it("is undefined for anything that is not Stripe's", () => {
    expect(stripeFailure(new Error("connection refused"))).toBeUndefined();
    expect(stripeFailure(Object.assign(new Error("x"), { type: "card_error" }))).toBeUndefined();
    expect(stripeFailure({ type: "StripeAPIError" })).toBeUndefined();
  });
});

describe("spentIdempotencyKey", () => {
  const answered = (statusCode: number, type: Stripe.RawErrorType) =>
    stripeFailure(Stripe.errors.StripeError.generate({ message: "x", statusCode, type }))!;

  it("is spent once Stripe answered: it keeps that answer, or refuses other parameters", () => {
    expect(spentIdempotencyKey(answered(400, "idempotency_error"))).toBe(true);
    expect(spentIdempotencyKey(answered(400, "invalid_request_error"))).toBe(true);
    expect(spentIdempotencyKey(answered(500, "api_error"))).toBe(true);
  });

  it("is still good while its first request runs, when rate limited, or with no answer", () => {
    expect(spentIdempotencyKey(answered(409, "idempotency_error"))).toBe(false);
    expect(spentIdempotencyKey(answered(429, "rate_limit_error"))).toBe(false);
    const offline = new Stripe.errors.StripeConnectionError({ message: "timed out" });
    expect(spentIdempotencyKey(stripeFailure(offline)!)).toBe(false);
    // What the SDK throws when a proxy answers with its own page instead of Stripe's JSON.
    const notStripe = new Stripe.errors.StripeAPIError({
      message: "Invalid JSON received from the Stripe API",
    });
    expect(spentIdempotencyKey(stripeFailure(notStripe)!)).toBe(false);
  });
});
