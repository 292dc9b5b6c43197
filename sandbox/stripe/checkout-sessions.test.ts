import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  api,
  nowSeconds,
  orderSession,
  serveWith,
  setUpStripeTestbed,
  simulator,
  stripe,
} from "./test-support";

setUpStripeTestbed();

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
    serveWith(async (request) => {
      const response = await simulator.handle(request);
      if (lost++ > 0) return response;
      return Response.json({ error: { type: "api_error", message: "lost" } }, { status: 500 });
    });
    const session = await stripe.checkout.sessions.create(orderSession());
    expect(simulator.sessions().map((s) => s.id)).toEqual([session.id]);
    expect(session.lastResponse.idempotencyKey).toMatch(/^stripe-node-retry-/);
  });

  it("keeps a 500 that happened while executing for its key, and replays it", async () => {
    let requests = 0;
    serveWith((request) => {
      requests++;
      return simulator.handle(request);
    });
    simulator.failNext("POST /v1/checkout/sessions");
    const params = orderSession();
    const options = { idempotencyKey: "order-45" };
    const failed = await stripe.checkout.sessions.create(params, options).catch((e: unknown) => e);
    expect(failed).toMatchObject({ type: "StripeAPIError", statusCode: 500 });
    // Told not to retry, the SDK sent it once.
    expect((failed as Stripe.errors.StripeError).headers).toMatchObject({
      "stripe-should-retry": "false",
    });
    expect(requests).toBe(1);

    const replayed = await stripe.checkout.sessions.create(params, options).catch((e) => e);
    expect(replayed).toMatchObject({ type: "StripeAPIError", statusCode: 500 });
    expect((replayed as Stripe.errors.StripeError).headers).toMatchObject({
      "idempotent-replayed": "true",
    });
    const changed = stripe.checkout.sessions.create({ ...params, locale: "de" }, options);
    await expect(changed).rejects.toMatchObject({ type: "StripeIdempotencyError" });
    expect(simulator.sessions()).toHaveLength(0);

    const fresh = await stripe.checkout.sessions.create(params, { idempotencyKey: "order-45-b" });
    expect(simulator.sessions().map((s) => s.id)).toEqual([fresh.id]);
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
