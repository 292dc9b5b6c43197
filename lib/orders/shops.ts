import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sellerBusinesses } from "@/db/schema/invoices";
import { users, type User } from "@/db/schema/users";
import { assertAdmin } from "@/lib/auth/admin-only";

/**
 * A shop as an admin knows it: the business name the seller prints on invoices, or their
 * Telegram name until they have entered business details. Used with `users` and a left join
 * of `seller_businesses` on the seller's id.
 */
export const shopName = sql<string>`coalesce(${sellerBusinesses.legalName}, ${users.name})`;

/** Every shop, by name, for the admin's Shop filter. Sellers have no such list. */
export async function listShops(db: Database, actor: Pick<User, "role">) {
  assertAdmin(actor);
  return db
    .select({ id: users.id, name: shopName })
    .from(users)
    .leftJoin(sellerBusinesses, eq(sellerBusinesses.sellerId, users.id))
    .orderBy(asc(shopName), asc(users.id));
}

/** One seller's shop name (for an order's page). */
export async function findShopName(db: Database, sellerId: string): Promise<string | undefined> {
  const [shop] = await db
    .select({ name: shopName })
    .from(users)
    .leftJoin(sellerBusinesses, eq(sellerBusinesses.sellerId, users.id))
    .where(eq(users.id, sellerId));
  return shop?.name;
}
