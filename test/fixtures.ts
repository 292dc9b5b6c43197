import type { Update } from "grammy/types";
import { products } from "@/db/schema/catalog";
import { orders } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import type { Database } from "@/db/client";

let counter = 0;

export const buyerDetails = {
  name: "Erika Mustermann",
  street: "Hauptstraße 1",
  postcode: "10115",
  city: "Berlin",
  country: "DE",
  email: "erika@example.com",
} as const;

/** A seller with one product, enough rows for queries that join the shop's tables. */
export async function createSellerWithProduct(
  db: Database,
  overrides: { priceMinor?: number; stock?: number | null; title?: string } = {},
) {
  counter += 1;
  const telegramId = 7_000_000_000 + Math.floor(Math.random() * 1_000_000) * 100 + counter;
  const [seller] = await db
    .insert(users)
    .values({ telegramId, name: "Rösterei Müller", role: "seller" })
    .returning();
  if (!seller) throw new Error("seller not created");
  const [product] = await db
    .insert(products)
    .values({
      sellerId: seller.id,
      title: overrides.title ?? "Espresso Blend 250 g",
      priceMinor: overrides.priceMinor ?? 1290,
      currency: "EUR",
      stock: overrides.stock === undefined ? 5 : overrides.stock,
      deepLinkPayload: `p${telegramId}`,
    })
    .returning();
  if (!product) throw new Error("product not created");
  return { seller, product };
}

// Rows written straight to the table skip the shop's counter (lib/orders/shop-order-number.ts),
// like orders from before shop numbers: they take numbers from a range of their own, far above
// what the orders a test places through the counter reach, and never the same twice (specs
// running in parallel may add rows to one shop).
let fixtureShopNumber = 1_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

/** An order row with every required column filled; tests override what they are about. */
export function orderRow(
  base: { sellerId: string; productId: string; checkoutKey: string },
  overrides: Partial<typeof orders.$inferInsert> = {},
): typeof orders.$inferInsert {
  return {
    buyerTelegramId: 4242,
    contactName: "Erika Mustermann",
    email: "erika@example.com",
    addressStreet: "Hauptstraße 1",
    addressPostcode: "10115",
    addressCity: "Berlin",
    addressCountry: "DE",
    productTitle: "Espresso Blend 250 g",
    quantity: 1,
    currency: "EUR",
    unitAmountMinor: 1290,
    totalAmountMinor: 1290,
    status: "paid",
    shopNumber: (fixtureShopNumber += 1),
    ...base,
    ...overrides,
  };
}

/** A hand-made `/start` from a private chat, as Telegram delivers it to the webhook. */
export function startUpdate(updateId: number, userId: number): Update {
  return {
    update_id: updateId,
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private", first_name: "Ola" },
      from: { id: userId, is_bot: false, first_name: "Ola", language_code: "en" },
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  };
}
