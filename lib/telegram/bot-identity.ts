import type { UserFromGetMe } from "grammy/types";
import { telegramApi } from "@/lib/platform/services";

const shared = globalThis as unknown as { promoBotIdentity?: Promise<UserFromGetMe | undefined> };

/** The bot's own id and username (getMe, once per process); undefined without Telegram. */
export function botIdentity(): Promise<UserFromGetMe | undefined> {
  const api = telegramApi();
  if (!api) return Promise.resolve(undefined);
  shared.promoBotIdentity ??= api.getMe().catch(() => {
    // Telegram unreachable right now: ask again next time.
    shared.promoBotIdentity = undefined;
    return undefined;
  });
  return shared.promoBotIdentity;
}
