import { autoRetry } from "@grammyjs/auto-retry";
import { Api, type Context, type MiddlewareFn, type Transformer } from "grammy";
import type { Database } from "@/db/client";
import { reportTelegramApiErrors } from "@/lib/platform/report-api-errors";
import { recordBotBlocked } from "@/lib/telegram/bot-users";
import { journalReplies } from "@/lib/telegram/journal-replies";
import { paceSends } from "@/lib/telegram/pace-sends";
import { refusalOutcomes } from "@/lib/telegram/refusal-outcomes";
import type { SendPace } from "@/lib/telegram/send-pace";

// Each transformer wraps the ones installed before it: the first is nearest the network.
interface UpdateTransformers {
  /** Auto-retry, then the reporting of what finally failed: once per real call. */
  network: Transformer[];
  /** Refusals that are outcomes, settled (lib/telegram/refusal-outcomes.ts). */
  outcomes: Transformer[];
}

function updateTransformers(db: Database, pace?: SendPace): UpdateTransformers {
  return {
    network: [
      // Each message (and each retry) waits for the bot's and the chat's turn.
      ...(pace ? [paceSends(pace)] : []),
      // A short 429 is waited out in place; anything longer, a 5xx or a network failure fails
      // the update, which the inbox tries again with backoff (or after retry_after) without
      // holding a worker slot meanwhile.
      autoRetry({
        maxRetryAttempts: 1,
        maxDelaySeconds: 3,
        rethrowInternalServerErrors: true,
        rethrowHttpErrors: true,
      }),
      // What still fails is logged and counted for the Monitoring page.
      reportTelegramApiErrors(db),
      // A message an earlier attempt of this update already sent is not sent again.
      journalReplies(db),
    ],
    outcomes: [refusalOutcomes({ recordBlocked: (id) => recordBotBlocked(db, id) })],
  };
}

/** Installs on the bot's Api what every call made while handling an update goes through. */
export function installUpdateTransformers(api: Api, db: Database, pace?: SendPace) {
  const { network, outcomes } = updateTransformers(db, pace);
  api.config.use(...network, ...outcomes);
}

/**
 * The same for the calls made inside a dialog, as a plugin of the conversations plugin. Its
 * context objects get a fresh Api without the bot's transformers, whose one transformer records
 * each call's answer, to replay it instead of calling again when the dialog is replayed on the
 * next update. Installing ours with ctx.api.config.use would put them around that record: a 429
 * once waited out would be waited out again on every later update of the dialog, and a failure
 * counted again. So the Api is rebuilt with the network ones beneath the record (only real
 * calls are retried and counted) and the outcomes above it (settled alike on every replay).
 */
export function conversationTransformers(db: Database, pace?: SendPace): MiddlewareFn<Context> {
  const { network, outcomes } = updateTransformers(db, pace);
  return async (ctx, next) => {
    const recording = ctx.api;
    const api = new Api(recording.token, recording.options);
    api.config.use(...network, ...recording.config.installedTransformers(), ...outcomes);
    // ctx.api is read-only only to TypeScript; ctx.reply and the rest call through it.
    Object.assign(ctx, { api });
    await next();
  };
}
