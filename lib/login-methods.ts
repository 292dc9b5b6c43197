import { telegramApi } from "./app-services";
import { authOptions } from "./auth-options";

const shared = globalThis as unknown as { promoBotUsername?: Promise<string | undefined> };

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
  const api = telegramApi();
  shared.promoBotUsername ??= api
    ? api.getMe().then(
        (me) => me.username,
        () => {
          shared.promoBotUsername = undefined;
          return undefined;
        },
      )
    : Promise.resolve(undefined);
  return {
    oidc: ids.has("telegram"),
    widgetBot: ids.has("telegram-widget") ? await shared.promoBotUsername : undefined,
    sandbox: ids.has("sandbox"),
  };
}
