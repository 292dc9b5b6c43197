import type { Bot } from "grammy";
import { objectStorage, sendPace, stripeClient } from "@/lib/services";
import { telegramConnection } from "@/lib/platform/connections";
import { database } from "@/lib/platform/database";
import { settings } from "@/lib/platform/env";
import { startInbox } from "@/lib/jobs/start-inbox";
import { stripeInboxHandler } from "@/lib/payments/stripe-inbox";
import type { BotContext } from "./context";
import { createBot } from "./index";
import { telegramInboxHandler } from "./update-inbox";

const shared = globalThis as unknown as { promoBot?: Promise<Bot<BotContext>> };

/**
 * The process's bot, built once from the settings on first use; a failed build (Telegram
 * unreachable for getMe) is tried again by the next update.
 */
function processBot(): Promise<Bot<BotContext>> {
  shared.promoBot ??= (async () => {
    const config = settings();
    const telegram = telegramConnection(config);
    const stripe = stripeClient();
    if (!telegram || !stripe) throw new Error("Telegram and Stripe must both be configured");
    const bot = createBot({
      token: telegram.token,
      apiRoot: telegram.apiRoot,
      db: await database(),
      stripe,
      publicUrl: config.PUBLIC_URL,
      readPhoto: (key) => objectStorage().get(key),
      pace: sendPace(),
    });
    // Learns the bot's username once (getMe) instead of on every update.
    await bot.init();
    return bot;
  })();
  shared.promoBot.catch(() => (shared.promoBot = undefined));
  return shared.promoBot;
}

/**
 * Starts processing what the webhooks store (instrumentation.ts, once per process): Stripe's
 * events wherever Stripe is configured, Telegram's updates where the bot can run (the buyer
 * journey needs Telegram and Stripe both).
 */
export async function startUpdateProcessing(): Promise<"running" | "off"> {
  const stripe = stripeClient();
  if (!stripe) return "off";
  const db = await database();
  startInbox(db, {
    stripe: stripeInboxHandler(db),
    ...(telegramConnection() && { telegram: telegramInboxHandler(processBot) }),
  });
  return "running";
}
