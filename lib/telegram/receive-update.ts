import { timingSafeEqual } from "node:crypto";
import type { Database } from "@/db/client";
import { receive } from "@/lib/jobs/inbox";
import { describeError } from "@/lib/platform/log-privacy";
import { BodyTooLarge, readTextUpTo } from "@/lib/platform/read-body";
import { logger } from "@/lib/platform/logger";
import { addLogFields, requestIdFrom, withLogFields } from "@/lib/platform/request-context";
import { webhookAnswer, type WebhookOutcome } from "@/lib/platform/webhook-results";
import { updateOrderingKey, updatePriority } from "./update-chat";

export interface TelegramWebhookOptions {
  /** The secret_token given to setWebhook; Telegram sends it in every request. */
  secretToken: string;
  db: Database;
  /** Called after an update was stored, so the inbox worker takes it at once. */
  onStored?: () => void;
}

/**
 * Telegram's webhook, from request to answer: a wrong secret is a 401 and a body that is not
 * an update a 400; a valid update is stored in the inbox in one INSERT and answered 200 at
 * once (the bot handles it right after, in the inbox worker). Only a failed INSERT answers
 * 500, so Telegram delivers the update again. Every answer is logged and counted.
 */
export function answerTelegramWebhook(request: Request, options: TelegramWebhookOptions) {
  return withLogFields({ requestId: requestIdFrom(request.headers), webhook: "telegram" }, () =>
    storeUpdate(request, options),
  );
}

async function storeUpdate(
  request: Request,
  { secretToken, db, onStored }: TelegramWebhookOptions,
) {
  if (!sameSecret(request.headers.get("x-telegram-bot-api-secret-token"), secretToken)) {
    return answer(db, 401, "rejected", { error: "wrong secret token" }, "wrong secret token");
  }
  // The text is kept: the inbox stores it as it came instead of serialising the parse again.
  let text: string;
  try {
    text = await readTextUpTo(request, MAX_UPDATE_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    return answer(db, 413, "rejected", { error: "payload too large" }, error.message);
  }
  let update: Record<string, unknown>;
  try {
    update = JSON.parse(text) as Record<string, unknown>;
  } catch {
    update = {};
  }
  const updateId = update?.update_id;
  if (typeof updateId !== "number" || !Number.isSafeInteger(updateId)) {
    // Not Telegram, and sending it again will not help.
    return answer(db, 400, "rejected", { error: "body is not an update" }, "body is not an update");
  }
  addLogFields({ updateId });
  try {
    const stored = await receive(db, {
      source: "telegram",
      externalId: String(updateId),
      orderingKey: updateOrderingKey(update),
      priority: updatePriority(update),
      payload: update,
      payloadJson: text,
    });
    if (stored === "stored") onStored?.();
    return answer(db, 200, stored === "stored" ? "ok" : "duplicate", { ok: true });
  } catch (error) {
    logger.error({ err: error }, "Telegram update not stored; Telegram will retry");
    const body = { error: "temporarily unable to process" };
    return answer(db, 500, "failed", body, describeError(error));
  }
}

// An update is a few kilobytes (a message is at most 4096 characters); a megabyte is plenty.
const MAX_UPDATE_BYTES = 1024 * 1024;

function sameSecret(given: string | null, expected: string) {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const answer = (
  db: Database,
  status: number,
  outcome: WebhookOutcome,
  body: Record<string, unknown>,
  reason?: string,
) => webhookAnswer(db, "telegram", status, outcome, body, reason);
