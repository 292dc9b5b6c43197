import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serveFetchHandler, type ServedHandler } from "../serve";
import { createStripeSimulator, type StripeSimulator } from "./simulator";

const SECRET_KEY = "sk_test_simulator0123456789abcdefWXYZ";
const WEBHOOK_SECRET = "whsec_simulator_secret";

/** What the app's webhook route would see: the raw body, verified with the SDK. */
interface Received {
  raw: string;
  event: Stripe.Event | undefined;
  status: number;
}
const received: Received[] = [];
let receiverStatus = 200;

let simulator: StripeSimulator;
let handler: (request: Request) => Promise<Response>;
let clockOffsetMs = 0;
let api: ServedHandler;
let receiver: ServedHandler;
let stripe: Stripe;

beforeAll(async () => {
  receiver = await serveFetchHandler(async (request) => {
    const raw = await request.text();
    let event: Stripe.Event | undefined;
    try {
      const signature = request.headers.get("stripe-signature") ?? "";
      event = stripe.webhooks.constructEvent(raw, signature, WEBHOOK_SECRET);
    } catch {
      received.push({ raw, event, status: 400 });
      return new Response("bad signature", { status: 400 });
    }
    received.push({ raw, event, status: receiverStatus });
    return new Response(receiverStatus < 300 ? "ok" : "down", { status: receiverStatus });
  });
  api = await serveFetchHandler((request) => handler(request));
  stripe = new Stripe(SECRET_KEY, {
    host: "127.0.0.1",
    port: Number(new URL(api.url).port),
    protocol: "http",
    telemetry: false,
  });
});

afterAll(async () => {
  await Promise.all([api.close(), receiver.close()]);
});

beforeEach(() => {
  received.length = 0;
  receiverStatus = 200;
  clockOffsetMs = 0;
  simulator = createStripeSimulator({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    webhookUrl: `${receiver.url}/api/stripe/webhook`,
    now: () => Date.now() + clockOffsetMs,
  });
  handler = simulator.handle;
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function orderSession(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    success_url: "https://shop.example/orders/42/paid?session={CHECKOUT_SESSION_ID}",
    cancel_url: "https://shop.example/orders/42",
    customer_email: "buyer@example.com",
    client_reference_id: "order_42",
    metadata: { orderId: "42" },
    payment_intent_data: { metadata: { orderId: "42", sellerId: "7" } },
    expires_at: nowSeconds() + 60 * 60,
    line_items: [
      {
        quantity: 2,
        price_data: {
          currency: "EUR",
          unit_amount: 1250,
          product_data: { name: "Sticker pack", description: "Ten vinyl stickers" },
        },
      },
      {
        quantity: 1,
        price_data: { currency: "eur", unit_amount: 500, product_data: { name: "Postage" } },
      },
    ],
    ...overrides,
  };
}

function receivedTypes(): string[] {
  return received.map((entry) => entry.event?.type ?? "unverified");
}

describe("Checkout Sessions through the real SDK", () => {
  it("creates a session with the fields the app reads, idempotently", async () => {
    const params = orderSession();
    const session = await stripe.checkout.sessions.create(params, { idempotencyKey: "order-42" });
    expect(session).toMatchObject({
      object: "checkout.session",
      status: "open",
      payment_status: "unpaid",
      mode: "payment",
      amount_subtotal: 3000,
      amount_total: 3000,
      currency: "eur",
      customer_email: "buyer@example.com",
      client_reference_id: "order_42",
      metadata: { orderId: "42" },
      expires_at: params.expires_at,
      payment_intent: null,
      livemode: false,
      url: `${api.url}/checkout/${session.id}`,
    });
    expect(session.id).toMatch(/^cs_test_/);

    const again = await stripe.checkout.sessions.create(params, { idempotencyKey: "order-42" });
    expect(again.id).toBe(session.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");

    const changed = stripe.checkout.sessions.create(
      { ...params, client_reference_id: "order_43" },
      { idempotencyKey: "order-42" },
    );
    await expect(changed).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(changed).rejects.toThrow(/same parameters they were first used with/);
    expect(simulator.sessions()).toHaveLength(1);
  });

  it("replays the response when the SDK retries a request whose answer was lost", async () => {
    let lost = 0;
    // The first answer never reaches the SDK; it retries with its own Idempotency-Key.
    handler = async (request) => {
      const response = await simulator.handle(request);
      if (lost++ > 0) return response;
      return Response.json({ error: { type: "api_error", message: "lost" } }, { status: 500 });
    };
    const session = await stripe.checkout.sessions.create(orderSession());
    expect(simulator.sessions().map((s) => s.id)).toEqual([session.id]);
    expect(session.lastResponse.idempotencyKey).toMatch(/^stripe-node-retry-/);
  });

  it("rejects what Stripe rejects, naming the parameter", async () => {
    const tooSoon = stripe.checkout.sessions.create(
      orderSession({ expires_at: nowSeconds() + 10 * 60 }),
    );
    await expect(tooSoon).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(tooSoon).rejects.toMatchObject({ param: "expires_at", statusCode: 400 });
    await expect(
      stripe.checkout.sessions.create(orderSession({ expires_at: nowSeconds() + 25 * 3600 })),
    ).rejects.toMatchObject({ param: "expires_at" });

    const tooManyKeys = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    await expect(
      stripe.checkout.sessions.create(orderSession({ metadata: tooManyKeys })),
    ).rejects.toMatchObject({ param: "metadata" });
    await expect(
      stripe.checkout.sessions.create(
        orderSession({ payment_intent_data: { metadata: { orderId: "x".repeat(501) } } }),
      ),
    ).rejects.toMatchObject({ param: "payment_intent_data[metadata][orderId]" });
    const mug = { currency: "eur", unit_amount: 990, product_data: { name: "Mug" } };
    await expect(
      stripe.checkout.sessions.create(
        orderSession({ line_items: [{ quantity: 0, price_data: mug }] }),
      ),
    ).rejects.toMatchObject({ param: "line_items[0][quantity]" });
    await expect(
      stripe.checkout.sessions.create(
        orderSession({ line_items: [{ quantity: 1, price_data: { ...mug, unit_amount: -1 } }] }),
      ),
    ).rejects.toMatchObject({ param: "line_items[0][price_data][unit_amount]" });
    const typo = { ...orderSession(), customerEmail: "buyer@example.com" };
    await expect(
      stripe.checkout.sessions.create(typo as Stripe.Checkout.SessionCreateParams),
    ).rejects.toThrow("Received unknown parameter: customerEmail");
    await expect(
      stripe.checkout.sessions.create(orderSession({ success_url: undefined })),
    ).rejects.toMatchObject({ param: "success_url", code: "parameter_missing" });
    expect(simulator.sessions()).toHaveLength(0);

    // A request that failed validation leaves its key unused, so the fixed retry goes through.
    const bad = orderSession({ expires_at: nowSeconds() + 60 });
    const options = { idempotencyKey: "order-44" };
    await expect(stripe.checkout.sessions.create(bad, options)).rejects.toMatchObject({
      param: "expires_at",
    });
    const fixed = await stripe.checkout.sessions.create(orderSession(), options);
    expect(fixed.status).toBe("open");
  });

  it("answers a wrong key with 401 without echoing it", async () => {
    const intruder = new Stripe("sk_test_wrong0123456789secret", {
      host: "127.0.0.1",
      port: Number(new URL(api.url).port),
      protocol: "http",
    });
    const attempt = intruder.checkout.sessions.list();
    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    await expect(attempt).rejects.toThrow(/Invalid API Key provided: sk_test_\*+cret$/);
  });

  it("lists sessions filtered by status and creation time, page by page", async () => {
    const first = await stripe.checkout.sessions.create(orderSession());
    const second = await stripe.checkout.sessions.create(orderSession());
    const third = await stripe.checkout.sessions.create(orderSession());
    await simulator.pay(first.id);
    await simulator.pay(third.id);

    const complete = await stripe.checkout.sessions.list({ status: "complete", limit: 1 });
    expect(complete.data.map((s) => s.id)).toEqual([third.id]);
    expect(complete.has_more).toBe(true);
    const next = await stripe.checkout.sessions.list({
      status: "complete",
      limit: 1,
      starting_after: third.id,
    });
    expect(next.data.map((s) => s.id)).toEqual([first.id]);
    expect(next.has_more).toBe(false);

    const recent = await stripe.checkout.sessions.list({ created: { gte: first.created } });
    expect(recent.data.map((s) => s.id)).toEqual([third.id, second.id, first.id]);
    const all: string[] = [];
    for await (const session of stripe.checkout.sessions.list({ limit: 2 })) all.push(session.id);
    expect(all).toHaveLength(3);
  });
});

describe("paying, expiring and refunding, with signed webhooks", () => {
  it("pays with the test card: the session completes and a verifiable webhook arrives", async () => {
    const created = await stripe.checkout.sessions.create(orderSession());
    const attempt = await simulator.pay(created.id, "4242 4242 4242 4242");
    expect(attempt).toMatchObject({
      outcome: "paid",
      redirectUrl: `https://shop.example/orders/42/paid?session=${created.id}`,
    });

    expect(receivedTypes()).toEqual(["checkout.session.completed"]);
    const [delivery] = received;
    // The app must verify the raw bytes: Stripe's body is pretty-printed JSON.
    expect(delivery?.raw).toContain('\n  "id": "evt_');
    const event = delivery?.event as Stripe.CheckoutSessionCompletedEvent;
    expect(event).toMatchObject({
      object: "event",
      api_version: Stripe.API_VERSION,
      livemode: false,
      data: {
        object: { id: created.id, status: "complete", payment_status: "paid", url: null },
      },
    });
    expect(event.data.object.payment_intent).toMatch(/^pi_/);

    const retrieved = await stripe.checkout.sessions.retrieve(created.id, {
      expand: ["line_items"],
    });
    expect(retrieved.payment_intent).toBe(event.data.object.payment_intent);
    expect(retrieved.customer_details?.email).toBe("buyer@example.com");
    expect(retrieved.line_items?.data.map((item) => item.description)).toEqual([
      "Sticker pack",
      "Postage",
    ]);
    expect(simulator.deliveries()).toMatchObject([{ eventId: event.id, status: 200, ok: true }]);
  });

  it("declines 4000 0000 0000 0002 and rejects unknown numbers, without events", async () => {
    const created = await stripe.checkout.sessions.create(orderSession());
    expect(await simulator.pay(created.id, "4000000000000002")).toMatchObject({
      outcome: "declined",
      message: "Your card was declined.",
    });
    expect(await simulator.pay(created.id, "1234 5678 9012 3456")).toMatchObject({
      outcome: "invalid_card",
      message: "Your card number is invalid.",
    });
    expect(simulator.events()).toEqual([]);
    expect((await stripe.checkout.sessions.retrieve(created.id)).status).toBe("open");
  });

  it("expires a session once, through the API and when its time has passed", async () => {
    const viaApi = await stripe.checkout.sessions.create(orderSession());
    const expired = await stripe.checkout.sessions.expire(viaApi.id);
    expect(expired).toMatchObject({ status: "expired", url: null });
    await expect(stripe.checkout.sessions.expire(viaApi.id)).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    expect(await simulator.pay(viaApi.id)).toMatchObject({ outcome: "not_open" });

    const lapsing = await stripe.checkout.sessions.create(orderSession());
    clockOffsetMs = 61 * 60 * 1000;
    expect((await stripe.checkout.sessions.retrieve(lapsing.id)).status).toBe("expired");

    await simulator.settled();
    expect(receivedTypes()).toEqual(["checkout.session.expired", "checkout.session.expired"]);
    const sessionIds = received.map(
      (entry) => (entry.event as Stripe.CheckoutSessionExpiredEvent).data.object.id,
    );
    expect(sessionIds).toEqual([viaApi.id, lapsing.id]);
    expect(received[0]?.event?.request?.id).toMatch(/^req_/);
  });

  it("refunds a payment: charge.refunded carries the PaymentIntent's metadata", async () => {
    const created = await stripe.checkout.sessions.create(orderSession());
    const paid = await simulator.pay(created.id);
    const paymentIntent = paid.session.payment_intent as string;

    const partial = await stripe.refunds.create({ payment_intent: paymentIntent, amount: 500 });
    expect(partial).toMatchObject({ object: "refund", status: "succeeded", amount: 500 });
    const rest = await stripe.refunds.create({ payment_intent: paymentIntent });
    expect(rest.amount).toBe(2500);
    await expect(
      stripe.refunds.create({ payment_intent: paymentIntent, amount: 1 }),
    ).rejects.toMatchObject({ code: "charge_already_refunded" });

    await simulator.settled();
    const refunds = received
      .map((entry) => entry.event)
      .filter((event): event is Stripe.ChargeRefundedEvent => event?.type === "charge.refunded");
    expect(refunds.map((event) => event.data.object)).toMatchObject([
      { payment_intent: paymentIntent, amount_refunded: 500, refunded: false },
      { payment_intent: paymentIntent, amount_refunded: 3000, refunded: true },
    ]);
    expect(refunds[1]?.data.object.metadata).toEqual({ orderId: "42", sellerId: "7" });
  });

  it("keeps failed deliveries for redelivery, and signs forged or stale events as asked", async () => {
    receiverStatus = 503;
    const created = await stripe.checkout.sessions.create(orderSession());
    await simulator.pay(created.id);
    const [event] = simulator.undelivered();
    expect(event?.type).toBe("checkout.session.completed");
    expect(simulator.deliveries()).toMatchObject([{ status: 503, ok: false }]);

    receiverStatus = 200;
    const attempt = await simulator.redeliver(event?.id ?? "");
    expect(attempt).toMatchObject({ status: 200, ok: true });
    expect(simulator.undelivered()).toEqual([]);
    // Delivered twice, as Stripe may: the receiver got the same event id both times.
    expect(received.map((entry) => entry.event?.id)).toEqual([event?.id, event?.id]);

    const [stored] = simulator.events();
    if (!stored) throw new Error("no event recorded");
    expect(await simulator.deliver(stored)).toBe(200);
    expect(await simulator.deliver(stored, { secret: "whsec_forged" })).toBe(400);
    expect(await simulator.deliver(stored, { timestamp: nowSeconds() - 600 })).toBe(400);

    const payload = JSON.stringify({ id: "evt_x", object: "event" });
    const header = simulator.sign(payload);
    expect(stripe.webhooks.constructEvent(payload, header, WEBHOOK_SECRET).id).toBe("evt_x");
  });
});

describe("the hosted checkout page", () => {
  it("shows the order and pays through the form, redirecting to success_url", async () => {
    const created = await stripe.checkout.sessions.create(orderSession());
    const page = await fetch(created.url ?? "");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("€30.00");
    expect(html).toContain("Sticker pack");
    expect(html).toMatch(/<button type="submit">Pay €30\.00<\/button>/);
    expect(html).toContain('value="buyer@example.com"');
    expect(html).toContain('href="https://shop.example/orders/42"');

    const submit = (card: string) =>
      fetch(`${created.url}/pay`, {
        method: "POST",
        body: new URLSearchParams({ email: "buyer@example.com", card }),
        redirect: "manual",
      });
    const declined = await submit("4000 0000 0000 0002");
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain("Your card was declined.");
    expect(simulator.events()).toEqual([]);

    const paid = await submit("4242 4242 4242 4242");
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(
      `https://shop.example/orders/42/paid?session=${created.id}`,
    );
    // The redirect comes after the webhook, so the app already knows when the buyer lands.
    expect(receivedTypes()).toEqual(["checkout.session.completed"]);

    const again = await submit("4242 4242 4242 4242");
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("This session is already paid.");
  });

  it("lets the buyer let it expire, and works under a mount prefix", async () => {
    handler = (request) =>
      new URL(request.url).pathname.startsWith("/sandbox/stripe/")
        ? simulator.handle(request)
        : Promise.resolve(new Response(null, { status: 404 }));
    // The SDK cannot add a path prefix, so the API is reached through fetch here.
    const response = await fetch(`${api.url}/sandbox/stripe/v1/checkout/sessions`, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET_KEY}` },
      body: new URLSearchParams({
        mode: "payment",
        success_url: "https://shop.example/ok",
        "line_items[0][quantity]": "1",
        "line_items[0][price_data][currency]": "eur",
        "line_items[0][price_data][unit_amount]": "990",
        "line_items[0][price_data][product_data][name]": "Mug",
      }),
    });
    const session = (await response.json()) as Stripe.Checkout.Session;
    expect(session.url).toBe(`${api.url}/sandbox/stripe/checkout/${session.id}`);
    const html = await (await fetch(session.url ?? "")).text();
    expect(html).toContain(`action="/sandbox/stripe/checkout/${session.id}/expire"`);

    const expired = await fetch(`${session.url}/expire`, { method: "POST", redirect: "manual" });
    expect(expired.status).toBe(303);
    expect(expired.headers.get("location")).toBe(`/sandbox/stripe/checkout/${session.id}`);
    expect(await (await fetch(session.url ?? "")).text()).toContain("has expired");
    expect(receivedTypes()).toEqual(["checkout.session.expired"]);
  });
});

describe("the account and its webhook endpoint, for health checks", () => {
  it("retrieves the account the key belongs to", async () => {
    const account = await stripe.accounts.retrieve(null);
    expect(account).toMatchObject({
      object: "account",
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      settings: { dashboard: { display_name: "Promo Sandbox Shop" } },
    });
    expect(account.id).toMatch(/^acct_/);
    expect((await stripe.accounts.retrieve(null)).id).toBe(account.id);

    simulator = createStripeSimulator({
      secretKey: SECRET_KEY,
      webhookSecret: WEBHOOK_SECRET,
      account: { charges_enabled: false },
    });
    handler = simulator.handle;
    expect((await stripe.accounts.retrieve(null)).charges_enabled).toBe(false);
  });

  it("lists the endpoint at webhookUrl, enabled for every event, and none without one", async () => {
    const { data, has_more } = await stripe.webhookEndpoints.list({ limit: 100 });
    expect(has_more).toBe(false);
    expect(data).toEqual([
      expect.objectContaining({
        object: "webhook_endpoint",
        url: `${receiver.url}/api/stripe/webhook`,
        status: "enabled",
        enabled_events: ["*"],
        livemode: false,
      }),
    ]);
    expect(data[0]?.id).toMatch(/^we_/);
    expect((await stripe.webhookEndpoints.retrieve(data[0]?.id ?? "")).url).toBe(data[0]?.url);
    await expect(stripe.webhookEndpoints.retrieve("we_missing")).rejects.toMatchObject({
      code: "resource_missing",
    });

    simulator = createStripeSimulator({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET });
    handler = simulator.handle;
    expect((await stripe.webhookEndpoints.list()).data).toEqual([]);
  });

  it("sends a disabled endpoint nothing, and an endpoint only the events it chose", async () => {
    const withEndpoint = (
      webhookEndpoint: Parameters<typeof createStripeSimulator>[0]["webhookEndpoint"],
    ) => {
      simulator = createStripeSimulator({
        secretKey: SECRET_KEY,
        webhookSecret: WEBHOOK_SECRET,
        webhookUrl: `${receiver.url}/api/stripe/webhook`,
        webhookEndpoint,
      });
      handler = simulator.handle;
    };
    withEndpoint({ status: "disabled" });
    expect((await stripe.webhookEndpoints.list()).data[0]?.status).toBe("disabled");
    await simulator.pay((await stripe.checkout.sessions.create(orderSession())).id);
    expect(simulator.events().map((event) => event.type)).toEqual(["checkout.session.completed"]);
    expect(received).toEqual([]);

    withEndpoint({ enabledEvents: ["charge.refunded"] });
    const session = await stripe.checkout.sessions.create(orderSession());
    await simulator.pay(session.id);
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    await stripe.refunds.create({ payment_intent: String(paid.payment_intent) });
    await simulator.settled();
    expect(receivedTypes()).toEqual(["charge.refunded"]);
  });
});
