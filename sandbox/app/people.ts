import { sandboxUsers } from "@/lib/auth/sandbox-users";
import type { SimUser } from "@/sandbox/telegram/types";

/** Someone the sandbox lets you be in Telegram: a buyer, or one of the shop's test accounts. */
export interface SandboxPerson extends SimUser {
  role: "buyer" | "seller" | "admin";
}

// Ids no real Telegram account has (Telegram's are < 2^40), next to the test logins' ids.
export const sandboxPeople: SandboxPerson[] = [
  {
    id: 9_000_000_000_101,
    first_name: "Anna",
    last_name: "Schmidt",
    language_code: "de",
    role: "buyer",
  },
  {
    id: 9_000_000_000_102,
    first_name: "Ben",
    last_name: "Carter",
    language_code: "en",
    role: "buyer",
  },
  {
    id: sandboxUsers.seller.telegramId,
    first_name: "Test",
    last_name: "Seller",
    language_code: "en",
    role: "seller",
  },
  {
    id: sandboxUsers.admin.telegramId,
    first_name: "Test",
    last_name: "Admin",
    language_code: "en",
    role: "admin",
  },
];

/** The test channel the demo shop posts to; the bot is its admin. */
export const sandboxChannel = {
  id: -1_009_000_000_001,
  title: "Promo Sandbox Shop",
  username: "promo_sandbox_shop",
} as const;

export function findPerson(id: number): SandboxPerson | undefined {
  return sandboxPeople.find((person) => person.id === id);
}
