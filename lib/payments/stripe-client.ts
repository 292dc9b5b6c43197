import Stripe from "stripe";
import {
  reportApiError,
  reportStripeApiErrors,
  stripeMethodName,
  type MonitorDatabase,
} from "@/lib/platform/report-api-errors";

// A Checkout Session is created while a Telegram update is handled, in a worker step that must
// end well inside its 60 s lease, database work and replies to the buyer included. Worst case
// per call: (1 + retries) tries of up to the timeout each (the socket's idle time: Stripe not
// answering), plus the SDK's 0.5 s pause before its retry: 2 × 10 s + 0.5 s ≈ 21 s, inside ~30 s.
// The SDK retries a dropped connection once even with no retries allowed, so two tries is the
// least there is; a longer timeout rather than more tries, since a Checkout Session takes Stripe
// a few seconds at worst.
export const STRIPE_TIMEOUT_MS = 10_000;
export const STRIPE_MAX_NETWORK_RETRIES = 1;

export interface StripeSettings {
  secretKey: string;
  /**
   * Stripe's API by default; tests and the sandbox point it at a local simulator. May carry a
   * path (`http://127.0.0.1:3000/sandbox/stripe`): requests go to `<path>/v1/…` there.
   */
  apiBase: string;
}

/** The Stripe client; its failed calls are logged and, given a database, counted there. */
export function createStripeClient(
  { secretKey, apiBase }: StripeSettings,
  monitor?: MonitorDatabase,
): Stripe {
  const base = new URL(apiBase);
  const prefix = base.pathname.replace(/\/+$/, "");
  const stripe = new Stripe(secretKey, {
    host: base.hostname,
    port: base.port ? Number(base.port) : base.protocol === "http:" ? 80 : 443,
    protocol: base.protocol === "http:" ? "http" : "https",
    // The SDK only knows hosts; an API behind a path (a proxy, the in-app sandbox) needs its
    // paths prefixed by the HTTP client underneath, which also reports calls that got no answer.
    httpClient: reportingHttpClient(prefix, monitor),
    // The SDK retries network errors and 409/5xx with the same idempotency key.
    maxNetworkRetries: STRIPE_MAX_NETWORK_RETRIES,
    timeout: STRIPE_TIMEOUT_MS,
    appInfo: { name: "Promo-Bot" },
  });
  reportStripeApiErrors(stripe, monitor);
  return stripe;
}

// Stripe's own Node client underneath, with paths prefixed and failures without an answer
// reported. Those are reported per attempt: the SDK retries them and does not say which try
// was its last.
function reportingHttpClient(prefix: string, monitor: MonitorDatabase | undefined) {
  const inner = Stripe.createNodeHttpClient();
  class ReportingHttpClient extends Stripe.HttpClient {
    override getClientName() {
      return inner.getClientName();
    }
    override async makeRequest(
      ...[host, port, path, method, ...rest]: Parameters<Stripe.HttpClient["makeRequest"]>
    ) {
      try {
        return await inner.makeRequest(host, port, prefix + path, method, ...rest);
      } catch (error) {
        reportApiError(monitor, {
          service: "stripe",
          method: stripeMethodName(method, path),
          code: 0,
          description: error instanceof Error ? error.message : String(error),
        });
        throw error;
      }
    }
  }
  return new ReportingHttpClient();
}
