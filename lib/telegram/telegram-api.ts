import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import {
  reportTelegramApiErrors,
  type MonitorDatabase,
  type ReportOptions,
} from "@/lib/platform/report-api-errors";
import { RetryLaterError } from "@/lib/jobs/outbox";
import { paceSends } from "./pace-sends";
import { refusalOutcomes } from "./refusal-outcomes";
import type { SendPace } from "./send-pace";

export interface TelegramSettings {
  token: string;
  /** Telegram's Bot API by default; tests and the sandbox point it at a local simulator. */
  apiRoot: string;
}

// A job waits for its chat's turn only this long inside its transaction; beyond, it is put off.
const OUTBOX_MAX_WAIT_MS = 2000;

/**
 * The Bot API client for messages sent outside an update (the outbox). Given the shared pace,
 * each message waits its turn (or, when that is far off, the job is put off to it); a 429
 * pauses every sender and puts the job off by its retry_after. 5xx and network errors are
 * retried once in place; what still fails goes back to the outbox for a later attempt, and is
 * logged and (given a database) counted. Refusals that are outcomes (an edit that changes
 * nothing, a blocked user) become them, as they do for the bot (refusal-outcomes.ts).
 */
export function createTelegramApi(
  { token, apiRoot }: TelegramSettings,
  monitor?: MonitorDatabase,
  pace?: SendPace,
  report?: ReportOptions,
): Api {
  const api = new Api(token, { apiRoot });
  if (pace) {
    api.config.use(
      paceSends(pace, {
        maxWaitMs: OUTBOX_MAX_WAIT_MS,
        tooLong: (ms) => new RetryLaterError(Math.ceil(ms / 1000)),
      }),
    );
  }
  api.config.use(autoRetry({ maxRetryAttempts: 1, maxDelaySeconds: 3 }));
  // Above auto-retry, so it sees each call as auto-retry finally leaves it.
  api.config.use(reportTelegramApiErrors(monitor, report));
  // No recordBlocked here: a job sends inside its transaction, and sendTelegramMessage records
  // a blocked seller in that same transaction (a write on another connection could wait on it
  // forever with a single-connection database such as PGlite).
  api.config.use(refusalOutcomes());
  return api;
}
