const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * A Stripe-looking id such as `cs_test_a1B2…`: a prefix and random base62. Web Crypto rather than
 * node:crypto, so the simulator also runs wherever the app's route handlers run.
 */
export function newId(prefix: string, length = 24): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let suffix = "";
  // 256 is not a multiple of 62, so the first few characters are marginally likelier; ids only
  // need to be unique, not uniform.
  for (const byte of bytes) suffix += ALPHABET[byte % ALPHABET.length];
  return `${prefix}${suffix}`;
}
