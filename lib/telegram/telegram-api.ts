import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import { reportTelegramApiErrors, type MonitorDatabase } from "@/lib/platform/report-api-errors";

export interface TelegramSettings {
  token: string;
  /** Telegram's Bot API by default; tests and the sandbox point it at a local simulator. */
  apiRoot: string;
}

/**
 * The Bot API client for messages sent outside an update (the outbox). It waits out a 429's
 * retry_after and retries 5xx/network errors, so a burst of orders slows down instead of
 * losing messages; what still fails goes back to the outbox for a later attempt, and is
 * logged and (given a database) counted.
 */
export function createTelegramApi(
  { token, apiRoot }: TelegramSettings,
  monitor?: MonitorDatabase,
): Api {
  const api = new Api(token, { apiRoot });
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  // Installed last, so it sees each call as auto-retry finally leaves it.
  api.config.use(reportTelegramApiErrors(monitor));
  return api;
}
