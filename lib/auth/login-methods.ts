import { authOptions } from "./auth-options";
import { botIdentity } from "@/lib/telegram/bot-identity";

/** Which sign-in methods this installation offers, and the bot's username for the widget. */
export async function loginMethods() {
  const { providers } = await authOptions();
  // next-auth's built-in providers keep the id given to them under `options` until it merges
  // them at request time.
  const ids = new Set(
    providers.map(
      (provider) => (provider as { options?: { id?: string } }).options?.id ?? provider.id,
    ),
  );
  return {
    oidc: ids.has("telegram"),
    widgetBot: ids.has("telegram-widget") ? (await botIdentity())?.username : undefined,
    sandbox: ids.has("sandbox"),
  };
}
