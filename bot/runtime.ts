import { objectStorage, stripeClient } from "@/lib/services";
import { telegramConnection } from "@/lib/platform/connections";
import { database } from "@/lib/platform/database";
import { settings } from "@/lib/platform/env";
import { kickNotificationWorker } from "@/lib/jobs/start-worker";
import { createBot } from "./index";
import { telegramWebhook } from "./webhook";

type WebhookHandler = (request: Request) => Promise<Response>;
const shared = globalThis as unknown as { promoBotWebhook?: Promise<WebhookHandler> };

/**
 * The process's bot behind Telegram's webhook, built once from the settings; undefined while
 * Telegram or Stripe is not configured (the buyer journey needs both).
 */
export function telegramWebhookHandler(): Promise<WebhookHandler> | undefined {
  const config = settings();
  const telegram = telegramConnection(config);
  const stripe = stripeClient();
  if (!telegram || !stripe) return undefined;
  shared.promoBotWebhook ??= (async () => {
    const db = await database();
    const bot = createBot({
      token: telegram.token,
      apiRoot: telegram.apiRoot,
      db,
      stripe,
      publicUrl: config.PUBLIC_URL,
      readPhoto: (key) => objectStorage().get(key),
    });
    // Learns the bot's username once (getMe) instead of on every cold request.
    await bot.init();
    const handle = telegramWebhook(bot, { secretToken: telegram.webhookSecret, db });
    return async (request: Request) => {
      const response = await handle(request);
      kickNotificationWorker();
      return response;
    };
  })();
  shared.promoBotWebhook.catch(() => (shared.promoBotWebhook = undefined));
  return shared.promoBotWebhook;
}
