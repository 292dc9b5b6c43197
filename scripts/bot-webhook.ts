// `npm run bot:webhook`: points Telegram at this app's webhook (PUBLIC_URL/api/telegram/webhook)
// with the secret Telegram must send back, and the update types the bot handles.
import { allowedUpdates } from "@/bot/allowed-updates";
import { settings, SettingsError } from "@/lib/platform/env";
import { createTelegramApi } from "@/lib/telegram/telegram-api";

try {
  const config = settings();
  if (!config.TELEGRAM_BOT_TOKEN || !config.TELEGRAM_WEBHOOK_SECRET) {
    throw new Error("Set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET first.");
  }
  const api = createTelegramApi({
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
  });
  const url = new URL("/api/telegram/webhook", config.PUBLIC_URL).toString();
  await api.setWebhook(url, {
    secret_token: config.TELEGRAM_WEBHOOK_SECRET,
    allowed_updates: [...allowedUpdates],
  });
  await api.setMyCommands([
    { command: "status", description: "Your orders" },
    { command: "cancel", description: "Stop the current order" },
  ]);
  await api.setMyCommands(
    [
      { command: "status", description: "Deine Bestellungen" },
      { command: "cancel", description: "Laufende Bestellung abbrechen" },
    ],
    { language_code: "de" },
  );
  const info = await api.getWebhookInfo();
  console.log(`Webhook set to ${info.url} (pending updates: ${info.pending_update_count}).`);
} catch (error) {
  console.error(error instanceof SettingsError ? error.message : (error as Error).message);
  process.exit(1);
}
