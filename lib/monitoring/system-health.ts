import type { User } from "@/db/schema/users";
import { stripeClient, telegramApi } from "@/lib/services";
import { checkBot, type BotFacts } from "@/lib/telegram/bot-health";
import { stripeConnection, telegramConnection } from "@/lib/platform/connections";
import { assertAdmin } from "@/lib/auth/admin-only";
import { checkHealth, type Health } from "./health";
import { checked, type Problem, type ServiceCheck } from "@/lib/platform/service-check";
import { checkStripe, type StripeFacts } from "@/lib/payments/stripe-health";

export interface DatabaseFacts {
  driver: string;
  latencyMs: number;
  migrationsApplied: number;
  migrationsExpected: number;
}

export interface SystemHealth {
  bot: ServiceCheck<BotFacts>;
  stripe: ServiceCheck<StripeFacts>;
  database: ServiceCheck<DatabaseFacts>;
}

/** The readiness check's view of the database, as a service check. */
export function databaseCheck(health: Health): ServiceCheck<DatabaseFacts> {
  const { database, migrations } = health;
  if (!database.ok) {
    return checked({}, [{ code: "databaseUnreachable", values: { error: database.error ?? "" } }]);
  }
  const facts: Partial<DatabaseFacts> = { driver: database.driver, latencyMs: database.latencyMs };
  const problems: Problem[] = [];
  if ("applied" in migrations) {
    facts.migrationsApplied = migrations.applied;
    facts.migrationsExpected = migrations.expected;
    if (!migrations.current) problems.push({ code: "migrationsPending" });
  }
  return checked(facts, problems);
}

/**
 * Telegram, Stripe and the database as this app copy reaches them, for the admins' Settings
 * page: each with what was found and what needs fixing.
 */
export async function checkSystemHealth(user: User): Promise<SystemHealth> {
  assertAdmin(user);
  const [bot, stripe, database] = await Promise.all([
    checkBot(telegramApi(), telegramConnection()?.webhookUrl ?? ""),
    checkStripe(stripeClient(), stripeConnection()?.webhookUrl ?? ""),
    checkHealth().then(databaseCheck),
  ]);
  return { bot, stripe, database };
}
