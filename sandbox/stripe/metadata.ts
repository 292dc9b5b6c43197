import { invalidParam } from "./api-error";
import { optionalObject, type ParamValue } from "./params";

// Stripe's documented metadata limits; the app keeps order ids here, so exceeding them must fail
// locally exactly as it would against the live API.
const MAX_KEYS = 50;
const MAX_KEY_LENGTH = 40;
const MAX_VALUE_LENGTH = 500;

/** Validates a `metadata` hash. Empty values are dropped: on Stripe "" means "unset". */
export function readMetadata(value: ParamValue, param: string): Record<string, string> {
  const hash = optionalObject(value, param);
  if (!hash) return {};
  const keys = Object.keys(hash);
  if (keys.length > MAX_KEYS) {
    throw invalidParam(
      param,
      `Invalid ${param}: metadata can have up to ${MAX_KEYS} keys, but you passed in ${keys.length} keys.`,
    );
  }
  const metadata: Record<string, string> = {};
  for (const key of keys) {
    const keyParam = `${param}[${key}]`;
    if (key.length > MAX_KEY_LENGTH) {
      throw invalidParam(
        keyParam,
        `Invalid ${param}: keys can be a maximum of ${MAX_KEY_LENGTH} characters.`,
      );
    }
    const entry = hash[key];
    if (typeof entry !== "string") {
      throw invalidParam(keyParam, `Invalid ${param}: values must be strings.`);
    }
    if (entry.length > MAX_VALUE_LENGTH) {
      throw invalidParam(
        keyParam,
        `Invalid ${param}: values can be a maximum of ${MAX_VALUE_LENGTH} characters.`,
      );
    }
    if (entry !== "") metadata[key] = entry;
  }
  return metadata;
}
