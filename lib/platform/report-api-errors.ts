import type { Transformer } from "grammy";
import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { scrubText } from "@/lib/platform/log-privacy";
import { logger } from "@/lib/platform/logger";
import { recordMonitorEventLater, type MonitorSource } from "./monitor-events";

/** Where API failures are counted: a database, or how to open the process's one. */
export type MonitorDatabase = Database | (() => Promise<Database>);

export interface ApiFailure {
  service: MonitorSource;
  /** The Bot API method, or Stripe's HTTP method and path with ids left out. */
  method: string;
  /** The HTTP status or Telegram's error_code; 0 when no answer came (network, timeout). */
  code: number;
  description?: string;
}

/**
 * Logs a failed call as the line CloudWatch's metric filters count
 * (`{"event":"api.error","service","method","code"}`) and counts it for the Monitoring page
 * and the alert checks, without waiting for the count to be written.
 */
export function reportApiError(db: MonitorDatabase | undefined, failure: ApiFailure) {
  const description = failure.description
    ? scrubText(failure.description).slice(0, 300)
    : undefined;
  logger.warn(
    {
      event: "api.error",
      service: failure.service,
      method: failure.method,
      code: failure.code,
      ...(description ? { description } : {}),
    },
    `${failure.service} API call ${failure.method} failed (${failure.code})`,
  );
  if (!db) return;
  recordMonitorEventLater(db, {
    kind: "api_error",
    source: failure.service,
    detail: { method: failure.method, code: failure.code, ...(description ? { description } : {}) },
  });
}

export interface ReportOptions {
  /**
   * Count calls that got no answer at all (default). Off in the sandbox: its Telegram is a
   * route of this very server, so no answer means the server was still starting (`next dev`
   * compiles that route on its first call, a minute on a slow machine), not Telegram failing.
   */
  countUnanswered?: boolean;
}

/**
 * A grammY transformer that reports every Bot API call that finally failed. Installed after
 * auto-retry, so a 429 or 5xx that a retry got through is not an error; an error answer and a
 * network failure are.
 */
export function reportTelegramApiErrors(
  db: MonitorDatabase | undefined,
  { countUnanswered = true }: ReportOptions = {},
): Transformer {
  return async (previous, method, payload, signal) => {
    try {
      const result = await previous(method, payload, signal);
      if (!result.ok) {
        reportApiError(db, {
          service: "telegram",
          method,
          code: result.error_code,
          description: result.description,
        });
      }
      return result;
    } catch (error) {
      // A call put off for Telegram's pace was not made, so it did not fail.
      if (error instanceof Error && error.name === "RetryLaterError") throw error;
      if (!countUnanswered) {
        logger.info({ err: error, method }, `telegram API call ${method} got no answer`);
        throw error;
      }
      reportApiError(db, {
        service: "telegram",
        method,
        code: 0,
        description: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  };
}

// Stripe's ids (cs_…, pi_…, evt_…) would make every call its own metric; `{id}` groups them.
export function stripeMethodName(httpMethod: string, path: string): string {
  const route = path
    .split("?")[0]!
    .split("/")
    .map((segment) => (/^[a-z]{2,}_[A-Za-z0-9_]+$/.test(segment) ? "{id}" : segment))
    .join("/");
  return `${httpMethod.toUpperCase()} ${route}`;
}

// The part of the SDK's `response` event we read (the SDK types `on` loosely).
interface StripeResponseEvent {
  method?: string;
  path?: string;
  status?: number;
  request_id?: string;
}

/**
 * Reports Stripe API calls answered with an error status. The SDK emits `response` once per
 * call, after its own retries of 409s and 5xx; failures with no answer at all are reported by
 * the HTTP client (`reportingHttpClient` in stripe.ts).
 */
export function reportStripeApiErrors(stripe: Stripe, db: MonitorDatabase | undefined) {
  stripe.on("response", (response: StripeResponseEvent) => {
    if (!response.status || response.status < 400) return;
    reportApiError(db, {
      service: "stripe",
      method: stripeMethodName(response.method ?? "", response.path ?? ""),
      code: response.status,
      description: response.request_id ? `request ${response.request_id}` : undefined,
    });
  });
}
