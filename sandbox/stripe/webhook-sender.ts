import Stripe from "stripe";

/** One attempt to deliver an event, as Stripe's dashboard lists them. */
export interface DeliveryAttempt {
  eventId: string;
  type: string;
  url: string;
  /** Wall-clock milliseconds. */
  attemptedAt: number;
  /** The receiver's HTTP status, or null when it could not be reached. */
  status: number | null;
  ok: boolean;
  /** The network error, or the start of the receiver's reply, to see why a delivery failed. */
  detail: string;
}

export interface SignOptions {
  secret?: string;
  /** Unix seconds; a stale one makes `constructEvent` reject the signature. */
  timestamp?: number;
}

// Stripe gives up on an endpoint that has not answered within seconds; a receiver stuck on a
// lock must not hold a test (or a shopper's redirect) for longer.
const DELIVERY_TIMEOUT_MS = 10_000;

export function createWebhookSender(options: { url?: string; secret: string }) {
  const attempts: DeliveryAttempt[] = [];

  function sign(payload: string, signOptions: SignOptions = {}): string {
    return Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: signOptions.secret ?? options.secret,
      // Signatures use the real clock even when the simulator's is moved: the receiver checks
      // the timestamp against its own clock.
      timestamp: signOptions.timestamp ?? Math.floor(Date.now() / 1000),
    });
  }

  async function post(event: Stripe.Event, url: string, signOptions: SignOptions = {}) {
    // Stripe sends pretty-printed JSON; a receiver that re-serialises the parsed body instead of
    // verifying the raw bytes fails here as it would live.
    const payload = JSON.stringify(event, null, 2);
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        "stripe-signature": sign(payload, signOptions),
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      },
      body: payload,
      // Stripe does not follow redirects: a 3xx is a failed delivery.
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    return { status: response.status, body: await response.text() };
  }

  /** Delivers to the configured endpoint and records the attempt; never throws. */
  async function send(event: Stripe.Event): Promise<DeliveryAttempt | undefined> {
    const url = options.url;
    if (!url) return undefined;
    const attemptedAt = Date.now();
    const base = { eventId: event.id, type: event.type, url, attemptedAt };
    let attempt: DeliveryAttempt;
    try {
      const { status, body } = await post(event, url);
      const ok = status >= 200 && status < 300;
      attempt = { ...base, status, ok, detail: body.slice(0, 500) };
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      attempt = { ...base, status: null, ok: false, detail };
    }
    attempts.push(attempt);
    return attempt;
  }

  /** Posts an event outside the record, e.g. with a forged secret; resolves to the status. */
  async function deliver(
    event: Stripe.Event,
    deliverOptions: SignOptions & { url?: string } = {},
  ): Promise<number> {
    const url = deliverOptions.url ?? options.url;
    if (!url) throw new Error("No webhook URL: pass `url` or set `webhookUrl` on the simulator");
    return (await post(event, url, deliverOptions)).status;
  }

  return { sign, send, deliver, attempts: () => [...attempts] };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
