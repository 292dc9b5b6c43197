import { webhookCallback } from "grammy";
import { objectStorage, stripeClient } from "@/lib/app-services";
import { database } from "@/lib/database";
import { settings } from "@/lib/env";
import { kickNotificationWorker } from "@/lib/notification-worker";
import { createBot } from "./index";

type WebhookHandler = (request: Request) => Promise<Response>;
const shared = globalThis as unknown as { promoBotWebhook?: Promise<WebhookHandler> };

/**
 * The process's bot behind Telegram's webhook, built once from the settings; undefined while
 * Telegram or Stripe is not configured (the buyer journey needs both).
 */
export function telegramWebhookHandler(): Promise<WebhookHandler> | undefined {
  const config = settings();
  const stripe = stripeClient();
  if (!config.TELEGRAM_BOT_TOKEN || !config.TELEGRAM_WEBHOOK_SECRET || !stripe) return undefined;
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: secretToken } = config;
  shared.promoBotWebhook ??= (async () => {
    const bot = createBot({
      token,
      apiRoot: config.TELEGRAM_API_ROOT,
      db: await database(),
      stripe,
      publicUrl: config.PUBLIC_URL,
      readPhoto: (key) => objectStorage().get(key),
    });
    // Learns the bot's username once (getMe) instead of on every cold request.
    await bot.init();
    const handle = webhookCallback(bot, "std/http", { secretToken });
    return async (request: Request) => {
      const response = await handle(request);
      kickNotificationWorker();
      return response;
    };
  })();
  shared.promoBotWebhook.catch(() => (shared.promoBotWebhook = undefined));
  return shared.promoBotWebhook;
}
