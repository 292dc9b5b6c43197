import { authOptions } from "./auth-options";

/** Which sign-in methods this installation offers (the widget also needs the bot's username). */
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
    widget: ids.has("telegram-widget"),
    sandbox: ids.has("sandbox"),
  };
}
