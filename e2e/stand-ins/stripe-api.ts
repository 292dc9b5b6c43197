import { randomBytes } from "node:crypto";
import qs from "qs";

/** Stripe's answer when something failed on its side, with its "do not retry" header. */
export const stripeOutage = {
  status: 500,
  headers: { "Stripe-Should-Retry": "false" },
  body: { error: { type: "api_error", message: "Something went wrong on Stripe's end." } },
};

type Answer = { status: number; headers?: Record<string, string>; body: unknown };

/**
 * The part of Stripe's API the bot uses (https://docs.stripe.com/api): creating a Checkout
 * Session and expiring an open one, form-encoded, with the secret key as Bearer and an
 * Idempotency-Key whose first answer is kept and replayed (the same key with other parameters
 * is an idempotency_error).
 * Every other path is "Unrecognized request URL", as Stripe answers it. Told to, it answers the
 * next sessions with an outage.
 */
export function createStripeStandIn(secretKey: string) {
  const answered = new Map<string, { body: string; answer: Answer }>();
  const sessions: Array<Record<string, unknown>> = [];
  let outages = 0;

  const json = ({ status, headers, body }: Answer) =>
    Response.json(body, { status, headers: { "Request-Id": `req_${id(8)}`, ...headers } });
  const invalid = (status: number, message: string, type = "invalid_request_error") =>
    json({ status, body: { error: { type, message } } });

  function createSession(form: Record<string, unknown>): Answer {
    if (outages > 0) {
      outages -= 1;
      return stripeOutage;
    }
    const items = (form.line_items ?? []) as Array<{
      quantity: string;
      price_data: { currency: string; unit_amount: string };
    }>;
    const total = items.reduce(
      (sum, item) => sum + Number(item.quantity) * Number(item.price_data.unit_amount),
      0,
    );
    const sessionId = `cs_live_${id(24)}`;
    const session = {
      id: sessionId,
      object: "checkout.session",
      livemode: true,
      mode: form.mode,
      status: "open",
      payment_status: "unpaid",
      amount_subtotal: total,
      amount_total: total,
      currency: items[0]?.price_data.currency,
      customer_email: form.customer_email ?? null,
      client_reference_id: form.client_reference_id ?? null,
      metadata: form.metadata ?? {},
      created: Math.floor(Date.now() / 1000),
      expires_at: Number(form.expires_at ?? Math.floor(Date.now() / 1000) + 86_400),
      success_url: form.success_url,
      cancel_url: form.cancel_url,
      url: `https://checkout.stripe.com/c/pay/${sessionId}`,
    };
    sessions.push(session);
    return { status: 200, body: session };
  }

  // https://docs.stripe.com/api/checkout/sessions/expire: only an open session can be expired.
  function expireSession(sessionId: string): Answer {
    const session = sessions.find((each) => each.id === sessionId);
    if (!session) {
      return {
        status: 404,
        body: {
          error: {
            type: "invalid_request_error",
            code: "resource_missing",
            param: "session",
            message: `No such checkout.session: '${sessionId}'`,
          },
        },
      };
    }
    if (session.status !== "open") {
      return {
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(session.status)}".`,
          },
        },
      };
    }
    session.status = "expired";
    return { status: 200, body: session };
  }

  async function handle(request: Request): Promise<Response> {
    if (request.headers.get("authorization") !== `Bearer ${secretKey}`) {
      return invalid(401, "Invalid API Key provided.");
    }
    const { pathname } = new URL(request.url);
    const expiring = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(pathname)?.[1];
    if (request.method !== "POST" || (pathname !== "/v1/checkout/sessions" && !expiring)) {
      return invalid(404, `Unrecognized request URL (${request.method}: ${pathname}).`);
    }
    const body = await request.text();
    const key = request.headers.get("idempotency-key");
    const earlier = key ? answered.get(key) : undefined;
    if (earlier && earlier.body !== body) {
      return json({
        status: 400,
        body: {
          error: {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
        },
      });
    }
    if (earlier) {
      return json({
        ...earlier.answer,
        headers: { ...earlier.answer.headers, "Idempotent-Replayed": "true" },
      });
    }
    const answer = expiring
      ? expireSession(decodeURIComponent(expiring))
      : createSession(qs.parse(body, { depth: 10, arrayLimit: 100 }));
    if (key) answered.set(key, { body, answer });
    return json(answer);
  }

  return {
    handle,
    /** The next `count` Checkout Sessions are answered with a 500 and Stripe-Should-Retry: false. */
    failNextSessions(count = 1) {
      outages += count;
    },
    sessions: () => [...sessions],
  };
}

// Stripe's ids are letters and digits after the prefix.
const id = (length: number) =>
  randomBytes(length * 2)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, length);
