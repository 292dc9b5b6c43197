import type { Database } from "@/db/client";
import { users } from "@/db/schema/users";

// The sandbox's two test accounts (ids no real Telegram account has: Telegram's are < 2^40).
export const sandboxUsers = {
  admin: { telegramId: 9_000_000_000_001, name: "Test Admin", role: "admin" },
  seller: { telegramId: 9_000_000_000_002, name: "Test Seller", role: "seller" },
} as const;

/**
 * Logs in one of the sandbox's test accounts; the caller checks that this is the sandbox (a
 * shop taken back to the sandbox gets its test accounts back).
 */
export async function signInSandboxUser(db: Database, who: keyof typeof sandboxUsers) {
  const { telegramId, name, role } = sandboxUsers[who];
  const [user] = await db
    .insert(users)
    .values({ telegramId, name, role })
    .onConflictDoUpdate({ target: users.telegramId, set: { role, disabledAt: null } })
    .returning();
  if (!user) throw new Error("sandbox user not stored");
  return user;
}
