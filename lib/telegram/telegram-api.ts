import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import { reportTelegramApiErrors, type MonitorDatabase } from "@/lib/platform/report-api-errors";
import { refusalOutcomes } from "./refusal-outcomes";

export interface TelegramSettings {
  token: string;
  /** Telegram's Bot API by default; tests and the sandbox point it at a local simulator. */
  apiRoot: string;
}

/**
 * The Bot API client for messages sent outside an update (the outbox). It waits out a 429's
 * retry_after and retries 5xx/network errors, so a burst of orders slows down instead of
 * losing messages; what still fails goes back to the outbox for a later attempt, and is
 * logged and (given a database) counted. Refusals that are outcomes (an edit that changes
 * nothing, a blocked user) become them, as they do for the bot (refusal-outcomes.ts).
 */
export function createTelegramApi(
  { token, apiRoot }: TelegramSettings,
  monitor?: MonitorDatabase,
): Api {
  const api = new Api(token, { apiRoot });
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  // Above auto-retry, so it sees each call as auto-retry finally leaves it.
  api.config.use(reportTelegramApiErrors(monitor));
  // No recordBlocked here: a job sends inside its transaction, and sendTelegramMessage records
  // a blocked seller in that same transaction (a write on another connection could wait on it
  // forever with a single-connection database such as PGlite).
  api.config.use(refusalOutcomes());
  return api;
}
