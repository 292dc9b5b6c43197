import { describe, expect, it } from "vitest";
import { createStripeSimulator } from "./simulator";
import {
  orderSession,
  received,
  receivedTypes,
  receiver,
  SECRET_KEY,
  serveSimulator,
  setUpStripeTestbed,
  simulator,
  stripe,
  WEBHOOK_SECRET,
} from "./test-support";

setUpStripeTestbed();

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

    serveSimulator(
      createStripeSimulator({
        secretKey: SECRET_KEY,
        webhookSecret: WEBHOOK_SECRET,
        account: { charges_enabled: false },
      }),
    );
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

    serveSimulator(createStripeSimulator({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET }));
    expect((await stripe.webhookEndpoints.list()).data).toEqual([]);
  });

  it("sends a disabled endpoint nothing, and an endpoint only the events it chose", async () => {
    const withEndpoint = (
      webhookEndpoint: Parameters<typeof createStripeSimulator>[0]["webhookEndpoint"],
    ) => {
      serveSimulator(
        createStripeSimulator({
          secretKey: SECRET_KEY,
          webhookSecret: WEBHOOK_SECRET,
          webhookUrl: `${receiver.url}/api/stripe/webhook`,
          webhookEndpoint,
        }),
      );
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
