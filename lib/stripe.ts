import Stripe from "stripe";

export interface StripeSettings {
  secretKey: string;
  /**
   * Stripe's API by default; tests and the sandbox point it at a local simulator. May carry a
   * path (`http://127.0.0.1:3000/sandbox/stripe`): requests go to `<path>/v1/…` there.
   */
  apiBase: string;
}

export function createStripeClient({ secretKey, apiBase }: StripeSettings): Stripe {
  const base = new URL(apiBase);
  const prefix = base.pathname.replace(/\/+$/, "");
  return new Stripe(secretKey, {
    host: base.hostname,
    port: base.port ? Number(base.port) : base.protocol === "http:" ? 80 : 443,
    protocol: base.protocol === "http:" ? "http" : "https",
    // The SDK only knows hosts; an API behind a path (a proxy, the in-app sandbox) needs its
    // paths prefixed by the HTTP client underneath.
    ...(prefix ? { httpClient: prefixedHttpClient(prefix) } : {}),
    // The SDK retries network errors and 409/5xx with the same idempotency key.
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "Promo-Bot" },
  });
}

function prefixedHttpClient(prefix: string): Stripe.HttpClient {
  const inner = Stripe.createNodeHttpClient();
  class PrefixedHttpClient extends Stripe.HttpClient {
    override getClientName() {
      return inner.getClientName();
    }
    override makeRequest(
      ...[host, port, path, ...rest]: Parameters<Stripe.HttpClient["makeRequest"]>
    ) {
      return inner.makeRequest(host, port, prefix + path, ...rest);
    }
  }
  return new PrefixedHttpClient();
}
