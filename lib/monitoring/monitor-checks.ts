import { and, count, desc, eq, gt, notInArray, sql, type SQL } from "drizzle-orm";
import type { Api } from "grammy";
import type { WebhookInfo } from "grammy/types";
import type { Database } from "@/db/client";
import { monitorEvents } from "@/db/schema/monitoring";
import { logger } from "@/lib/platform/logger";
import type { MonitorSource } from "@/lib/platform/monitor-events";
import { inboxState } from "@/lib/jobs/inbox";
import { outboxBacklog } from "@/lib/jobs/outbox";

export const incidentKeys = [
  "stripe-webhook-failures",
  "outbox-stalled",
  "inbox-stalled",
  "telegram-webhook-errors",
  "telegram-api-errors",
  "stripe-api-errors",
] as const;
export type IncidentKey = (typeof incidentKeys)[number];

// Thresholds. A burst is counted over WINDOW_MINUTES, and a burst incident clears only after a
// whole window without any failure, so a problem that comes and goes stays one incident
// instead of an alert and a recovery every few minutes.
export const WINDOW_MINUTES = 5;
// Stripe retries a failed event for days, so a single 500 loses nothing; five within five
// minutes is no blip but a handler or database that keeps failing while payments come in.
export const STRIPE_WEBHOOK_FAILURES = 5;
// The outbox sends within seconds and retries after 10, 20, 40 … seconds: a message still
// waiting after five minutes means buyers and sellers are not being told about their orders.
export const OUTBOX_STALLED_SECONDS = 5 * 60;
// The inbox answers buyers within seconds; even a large promotion, paced at Telegram's 30
// messages a second, drains within a few minutes. A row still waiting after ten means updates
// and payments are accepted but not processed: nobody answers buyers, nothing is marked paid.
export const INBOX_STALLED_SECONDS = 10 * 60;
// Telegram reports its latest failed delivery to our webhook; one in the last five minutes
// means updates (buyers' taps) are not arriving. Cleared after a quiet quarter of an hour,
// as Telegram retries slowly and a single success does not reset last_error_date.
export const TELEGRAM_WEBHOOK_ERROR_SECONDS = 5 * 60;
export const TELEGRAM_WEBHOOK_QUIET_SECONDS = 15 * 60;
// Failed Bot API calls beyond the everyday ones (400: this message cannot be sent or edited;
// 403: this user blocked the bot) — 401/404 (token revoked), 409, 429, 5xx and no answer.
// Ten in five minutes is more than one unlucky message: the bot cannot talk to Telegram.
export const TELEGRAM_API_ERRORS = 10;
const TELEGRAM_EVERYDAY_CODES = [400, 403];
// Stripe calls are few (a checkout, a refund); five failing within five minutes beyond
// request-specific ones (400/402/404) means buyers cannot pay: a key revoked, Stripe down.
export const STRIPE_API_ERRORS = 5;
const STRIPE_EVERYDAY_CODES = [400, 402, 404];

export type IncidentDetail = Record<string, string | number>;

/**
 * What one check found for one key: `failing` opens an incident (if none is open), `clear`
 * resolves it, `unchanged` (between the thresholds, or the facts are unknown) leaves it.
 */
export interface Finding {
  key: IncidentKey;
  state: "failing" | "clear" | "unchanged";
  detail: IncidentDetail;
}

/** Telegram's view of our webhook; undefined when it could not be asked. */
export async function readWebhookInfo(api: Api): Promise<WebhookInfo | undefined> {
  try {
    // grammY types its signal with an older AbortSignal shim; Node's is what it gets at runtime.
    const signal = AbortSignal.timeout(15_000) as unknown as Parameters<Api["getWebhookInfo"]>[0];
    return await api.getWebhookInfo(signal);
  } catch (error) {
    // Already logged and counted as an api.error; the webhook stays as last judged.
    logger.warn({ err: error }, "getWebhookInfo failed; the Telegram webhook is not checked");
    return undefined;
  }
}

/** Judges every key from the shared tables (and Telegram's webhook info) as of `now`. */
export async function findProblems(
  db: Database,
  now: Date,
  webhook: WebhookInfo | undefined,
  /** False when Telegram is not configured (or polled): there is no webhook to judge. */
  webhookExpected: boolean,
): Promise<Finding[]> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  // One after another: inside the check's transaction they share one connection.
  const stripeWebhooks = await countEvents(
    db,
    since,
    "webhook",
    "stripe",
    eq(sql`${monitorEvents.detail}->>'outcome'`, "failed"),
  );
  const telegramApi = await apiErrorBurst(db, since, "telegram", TELEGRAM_EVERYDAY_CODES);
  const stripeApi = await apiErrorBurst(db, since, "stripe", STRIPE_EVERYDAY_CODES);
  const backlog = await outboxBacklog(db, now);
  const inbox = await inboxState(db, since, now, 1);
  const window = { minutes: WINDOW_MINUTES };
  return [
    burst("stripe-webhook-failures", stripeWebhooks, STRIPE_WEBHOOK_FAILURES, window),
    {
      key: "outbox-stalled",
      state: backlog.oldestAgeSeconds > OUTBOX_STALLED_SECONDS ? "failing" : "clear",
      detail: { pending: backlog.pending, minutes: Math.floor(backlog.oldestAgeSeconds / 60) },
    },
    {
      key: "inbox-stalled",
      state: inbox.oldestAgeSeconds > INBOX_STALLED_SECONDS ? "failing" : "clear",
      detail: { pending: inbox.pending, minutes: Math.floor(inbox.oldestAgeSeconds / 60) },
    },
    judgeWebhook(now, webhook, webhookExpected),
    burst("telegram-api-errors", telegramApi.count, TELEGRAM_API_ERRORS, {
      ...window,
      ...telegramApi.latest,
    }),
    burst("stripe-api-errors", stripeApi.count, STRIPE_API_ERRORS, {
      ...window,
      ...stripeApi.latest,
    }),
  ];
}

function burst(key: IncidentKey, seen: number, threshold: number, detail: IncidentDetail): Finding {
  const state = seen >= threshold ? "failing" : seen === 0 ? "clear" : "unchanged";
  return { key, state, detail: { count: seen, ...detail } };
}

function judgeWebhook(now: Date, webhook: WebhookInfo | undefined, expected: boolean): Finding {
  const key = "telegram-webhook-errors";
  if (!expected || (webhook && !webhook.url)) return { key, state: "clear", detail: {} };
  if (!webhook) return { key, state: "unchanged", detail: {} };
  const lastError = webhook.last_error_date;
  const age = lastError ? now.getTime() / 1000 - lastError : Infinity;
  const detail: IncidentDetail = {
    pending: webhook.pending_update_count,
    message: webhook.last_error_message?.slice(0, 200) || "?",
  };
  if (age <= TELEGRAM_WEBHOOK_ERROR_SECONDS) return { key, state: "failing", detail };
  return { key, state: age > TELEGRAM_WEBHOOK_QUIET_SECONDS ? "clear" : "unchanged", detail };
}

async function countEvents(
  db: Database,
  since: Date,
  kind: "webhook" | "api_error",
  source: MonitorSource,
  ...filters: SQL[]
): Promise<number> {
  const [row] = await db
    .select({ count: count() })
    .from(monitorEvents)
    .where(
      and(
        eq(monitorEvents.kind, kind),
        gt(monitorEvents.at, since),
        eq(monitorEvents.source, source),
        ...filters,
      ),
    );
  return row?.count ?? 0;
}

async function apiErrorBurst(db: Database, since: Date, source: MonitorSource, everyday: number[]) {
  const notEveryday = notInArray(sql<number>`(${monitorEvents.detail}->>'code')::int`, everyday);
  const seen = await countEvents(db, since, "api_error", source, notEveryday);
  const [latest] = await db
    .select({ detail: monitorEvents.detail })
    .from(monitorEvents)
    .where(
      and(
        eq(monitorEvents.kind, "api_error"),
        gt(monitorEvents.at, since),
        eq(monitorEvents.source, source),
        notEveryday,
      ),
    )
    .orderBy(desc(monitorEvents.at))
    .limit(1);
  const detail = latest?.detail as { method?: string; code?: number } | undefined;
  const latestCall: IncidentDetail = detail?.method
    ? { method: detail.method, code: detail.code ?? 0 }
    : {};
  return { count: seen, latest: latestCall };
}
