import { eq } from "drizzle-orm";
import { products } from "@/db/schema/catalog";
import { orders } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import type { Journey } from "./journey-harness";

let admins = 0;

/** An admin who started the bot, so alerts reach their chat. */
export async function createAdmin(journey: Journey) {
  admins += 1;
  const telegramId = 860_000 + admins * 7 + Math.floor(Math.random() * 5);
  const [admin] = await journey.db.db
    .insert(users)
    .values({ telegramId, name: "Ada Admin", role: "admin" })
    .returning();
  if (!admin) throw new Error("admin not created");
  journey.telegram.markStarted(telegramId);
  return admin;
}

/** What a seller or buyer would look up: an order by its buyer, and a product's stock. */
export function moneyReads(journey: Journey) {
  const db = journey.db.db;
  return {
    async orderOf(buyerId: number) {
      const order = await db.query.orders.findFirst({ where: eq(orders.buyerTelegramId, buyerId) });
      if (!order) throw new Error(`no order of buyer ${buyerId}`);
      return order;
    },
    async stockOf(productId: string) {
      const product = await db.query.products.findFirst({ where: eq(products.id, productId) });
      return product?.stock;
    },
    /** The HTTP status of the app's latest answer to this Stripe event. */
    answerTo(eventId: string) {
      return journey.stripeSim
        .deliveries()
        .filter((delivery) => delivery.eventId === eventId)
        .at(-1)?.status;
    },
  };
}
