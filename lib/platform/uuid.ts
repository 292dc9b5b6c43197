import { z } from "zod";

const uuid = z.uuid();

// Ids from outside (URLs, forms, Stripe metadata, callback data) may be anything; PostgreSQL
// would answer a malformed uuid with an error instead of finding nothing.
export function isUuid(value: unknown): value is string {
  return uuid.safeParse(value).success;
}
