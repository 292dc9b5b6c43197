import { eq, type Column, type SQL } from "drizzle-orm";
import type { User } from "@/db/schema/users";
import { isAdmin } from "./admin-only";

/**
 * Sellers see and change only their own things; admins see every shop. Every scoped query adds
 * this condition (`undefined` for an admin, which `and()` leaves out), so the rule lives here.
 */
export function ownedBy(sellerColumn: Column, actor: Pick<User, "id" | "role">): SQL | undefined {
  return isAdmin(actor) ? undefined : eq(sellerColumn, actor.id);
}
