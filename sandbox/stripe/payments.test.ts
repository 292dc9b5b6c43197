import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  answerWebhooksWith,
  nowSeconds,
  orderSession,
  received,
  receivedTypes,
  setClockAhead,
  setUpStripeTestbed,
  simulator,
  stripe,
  WEBHOOK_SECRET,
} from "./test-support";

setUpStripeTestbed();

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
    setClockAhead(61 * 60 * 1000);
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
    answerWebhooksWith(503);
    const created = await stripe.checkout.sessions.create(orderSession());
    await simulator.pay(created.id);
    const [event] = simulator.undelivered();
    expect(event?.type).toBe("checkout.session.completed");
    expect(simulator.deliveries()).toMatchObject([{ status: 503, ok: false }]);

    answerWebhooksWith(200);
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
