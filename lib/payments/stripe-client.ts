import Stripe from "stripe";
import {
  reportApiError,
  reportStripeApiErrors,
  stripeMethodName,
  type MonitorDatabase,
} from "@/lib/platform/report-api-errors";

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
    maxNetworkRetries: 2,
    timeout: 20_000,
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
