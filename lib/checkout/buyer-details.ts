import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema/orders";

// Where we ship. Stripe and the carriers' address formats are well-known for these.
export const shippingCountries = [
  "DE", "AT", "CH", "LI", "LU", "BE", "NL", "FR", "IT", "ES", "PT", "IE", "DK", "SE", "FI",
  "NO", "PL", "CZ", "SK", "SI", "HU", "GB", "US", "CA",
] as const; // prettier-ignore

/** One schema per dialog answer, so the bot can re-ask exactly the answer that was wrong. */
export const buyerDetailFields = {
  name: z.string().trim().min(2).max(100).regex(/\p{L}/u),
  street: z.string().trim().min(3).max(200).regex(/\p{L}/u),
  postcode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/),
  city: z.string().trim().min(2).max(100).regex(/\p{L}/u),
  country: z.string().trim().toUpperCase().pipe(z.enum(shippingCountries)),
  email: z.string().trim().pipe(z.email()).pipe(z.string().max(254)),
};
export const buyerDetailsSchema = z.object(buyerDetailFields);
export type BuyerDetails = z.infer<typeof buyerDetailsSchema>;

/** The buyer's details from their last order, offered so a returning buyer need not retype. */
export async function lastBuyerDetails(db: Database, buyerTelegramId: number) {
  const last = await db.query.orders.findFirst({
    where: eq(orders.buyerTelegramId, buyerTelegramId),
    orderBy: desc(orders.createdAt),
  });
  if (!last) return undefined;
  const details = buyerDetailsSchema.safeParse({
    name: last.contactName,
    street: last.addressStreet,
    postcode: last.addressPostcode,
    city: last.addressCity,
    country: last.addressCountry,
    email: last.email,
  });
  return details.success ? details.data : undefined;
}
