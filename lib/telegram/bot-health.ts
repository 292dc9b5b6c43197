import type { Api } from "grammy";
import {
  CHECK_TIMEOUT_MS,
  checked,
  describeFailure,
  type Problem,
  type ServiceCheck,
} from "@/lib/platform/service-check";

export interface BotFacts {
  username: string;
  webhookUrl: string;
  pendingUpdates: number;
  lastErrorAt: Date;
  lastErrorMessage: string;
}

// Telegram keeps reporting the last delivery error long after deliveries work again; an error
// older than this is shown, not alarmed on.
const RECENT_ERROR_MS = 60 * 60_000;
// Updates Telegram holds for us beyond this mean the webhook cannot keep up (or is failing).
const BACKLOG = 100;

/**
 * The bot as Telegram sees it: getMe (the token works) and getWebhookInfo (updates reach
 * `expectedUrl`, none pile up, the last delivery error if recent).
 */
export async function checkBot(
  api: Api | undefined,
  expectedUrl: string,
  nowMs = Date.now(),
): Promise<ServiceCheck<BotFacts>> {
  if (!api) return checked({}, [{ code: "botNotConfigured" }]);
  const facts: Partial<BotFacts> = {};
  try {
    // grammY types its signal with the abort-controller polyfill's AbortSignal; Node's is the
    // same thing at run time.
    const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS) as Parameters<Api["getMe"]>[0];
    const me = await api.getMe(signal);
    facts.username = me.username;
    const info = await api.getWebhookInfo(signal);
    facts.webhookUrl = info.url;
    facts.pendingUpdates = info.pending_update_count;
    if (info.last_error_date) facts.lastErrorAt = new Date(info.last_error_date * 1000);
    if (info.last_error_message) facts.lastErrorMessage = info.last_error_message;
  } catch (error) {
    return checked(facts, [
      { code: "telegramUnreachable", values: { error: describeFailure(error) } },
    ]);
  }
  const problems: Problem[] = [];
  if (!facts.webhookUrl) {
    problems.push({ code: "webhookMissing", values: { expected: expectedUrl } });
  } else if (facts.webhookUrl !== expectedUrl) {
    problems.push({
      code: "webhookElsewhere",
      values: { url: facts.webhookUrl, expected: expectedUrl },
    });
  }
  if (facts.lastErrorAt && nowMs - facts.lastErrorAt.getTime() < RECENT_ERROR_MS) {
    problems.push({
      code: "deliveryFailing",
      values: {
        at: facts.lastErrorAt,
        message: facts.lastErrorMessage ?? "",
        url: facts.webhookUrl ?? "",
      },
    });
  }
  if ((facts.pendingUpdates ?? 0) > BACKLOG) {
    problems.push({ code: "updatesPiling", values: { count: facts.pendingUpdates ?? 0 } });
  }
  return checked(facts, problems);
}
