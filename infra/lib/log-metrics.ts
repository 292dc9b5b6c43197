import { FilterPattern, type JsonPattern } from "aws-cdk-lib/aws-logs";

/** Namespace of the metrics drawn from the app's JSON log lines. */
export const METRIC_NAMESPACE = "PromoBot";

export interface LogMetric {
  metricName: string;
  /** Which pino lines count, by their JSON fields (the log contract in docs/operations.md). */
  pattern: JsonPattern;
  /** "1" counts matching lines; "$.field" publishes that field's number. */
  value: string;
  /** Published for log events that do not match, so quiet periods read 0, not "no data". */
  defaultValue?: number;
}

const is = (field: string, value: string) => FilterPattern.stringValue(`$.${field}`, "=", value);

// Telegram and Stripe redeliver what got a 5xx ("failed"); "rejected" (4xx) are requests that
// failed verification: forged, or sent with a secret we no longer hold.
const webhookResult = (source: "stripe" | "telegram", outcome: "failed" | "rejected") =>
  FilterPattern.all(is("event", "webhook.result"), is("source", source), is("outcome", outcome));

const apiError = (service: "stripe" | "telegram") =>
  FilterPattern.all(is("event", "api.error"), is("service", service));

export const LOG_METRICS = {
  stripeWebhookFailures: {
    metricName: "StripeWebhookFailures",
    pattern: webhookResult("stripe", "failed"),
    value: "1",
    defaultValue: 0,
  },
  telegramWebhookFailures: {
    metricName: "TelegramWebhookFailures",
    pattern: webhookResult("telegram", "failed"),
    value: "1",
    defaultValue: 0,
  },
  stripeWebhookRejected: {
    metricName: "StripeWebhookRejected",
    pattern: webhookResult("stripe", "rejected"),
    value: "1",
    defaultValue: 0,
  },
  telegramWebhookRejected: {
    metricName: "TelegramWebhookRejected",
    pattern: webhookResult("telegram", "rejected"),
    value: "1",
    defaultValue: 0,
  },
  stripeApiErrors: {
    metricName: "StripeApiErrors",
    pattern: apiError("stripe"),
    value: "1",
    defaultValue: 0,
  },
  telegramApiErrors: {
    metricName: "TelegramApiErrors",
    pattern: apiError("telegram"),
    value: "1",
    defaultValue: 0,
  },
  // Logged every minute by each copy's outbox worker; no default value, so an average or
  // maximum is never pulled down by zeros from unrelated lines.
  outboxOldestAgeSeconds: {
    metricName: "OutboxOldestAgeSeconds",
    pattern: FilterPattern.all(is("event", "outbox.backlog")),
    value: "$.oldestAgeSeconds",
  },
  outboxPending: {
    metricName: "OutboxPending",
    pattern: FilterPattern.all(is("event", "outbox.backlog")),
    value: "$.pending",
  },
  alertsOpened: {
    metricName: "AlertsOpened",
    pattern: FilterPattern.all(is("event", "alert.opened")),
    value: "1",
    defaultValue: 0,
  },
} satisfies Record<string, LogMetric>;

export type LogMetricKey = keyof typeof LOG_METRICS;
