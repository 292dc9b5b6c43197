import Stripe from "stripe";

export interface StripeSettings {
  secretKey: string;
  /** Stripe's API by default; tests and the sandbox point it at a local simulator. */
  apiBase: string;
}

export function createStripeClient({ secretKey, apiBase }: StripeSettings): Stripe {
  const base = new URL(apiBase);
  return new Stripe(secretKey, {
    host: base.hostname,
    port: base.port ? Number(base.port) : base.protocol === "http:" ? 80 : 443,
    protocol: base.protocol === "http:" ? "http" : "https",
    // The SDK retries network errors and 409/5xx with the same idempotency key.
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "Promo-Bot" },
  });
}
