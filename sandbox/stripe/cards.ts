/** What happens when a card number is entered on the checkout page. */
export type CardOutcome =
  | { kind: "succeeded"; brand: string; last4: string }
  | { kind: "declined"; code: string; message: string }
  | { kind: "invalid"; message: string };

// A few of Stripe's documented test cards (https://docs.stripe.com/testing#cards), enough to
// drive the paths the app must handle: paid, and the usual reasons a buyer is turned away.
const SUCCEEDING: Record<string, string> = {
  "4242424242424242": "visa",
  "5555555555554444": "mastercard",
};
const DECLINING: Record<string, { code: string; message: string }> = {
  "4000000000000002": { code: "generic_decline", message: "Your card was declined." },
  "4000000000009995": {
    code: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
  "4000000000000069": { code: "expired_card", message: "Your card has expired." },
};

export const DEFAULT_TEST_CARD = "4242424242424242";

export function cardOutcome(entered: string): CardOutcome {
  // People type card numbers in groups; Stripe's form accepts spaces (and so do we dashes).
  const number = entered.replace(/[\s-]/g, "");
  const brand = SUCCEEDING[number];
  if (brand) return { kind: "succeeded", brand, last4: number.slice(-4) };
  const decline = DECLINING[number];
  if (decline) return { kind: "declined", ...decline };
  return { kind: "invalid", message: "Your card number is invalid." };
}
