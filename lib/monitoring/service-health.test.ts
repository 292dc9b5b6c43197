import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createStripeSimulator, type StripeSimulatorOptions } from "@/sandbox/stripe/simulator";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { checkBot } from "@/lib/telegram/bot-health";
import { databaseCheck } from "./system-health";
import { checkStripe } from "@/lib/payments/stripe-health";
import { createStripeClient } from "@/lib/payments/stripe-client";
import { createTelegramApi } from "@/lib/telegram/telegram-api";

const WEBHOOK = "https://shop.example/api/telegram/webhook";
const STRIPE_WEBHOOK = "https://shop.example/api/stripe/webhook";
const SECRET_KEY = "sk_test_health0123456789";
const served: ServedHandler[] = [];

afterAll(() => Promise.all(served.map((server) => server.close())));

async function telegram() {
  const sim = createTelegramSimulator();
  const server = await serveFetchHandler(sim.handle);
  served.push(server);
  return { sim, api: createTelegramApi({ token: DEFAULT_BOT.token, apiRoot: server.url }), server };
}

describe("the bot's health", () => {
  it("is ok when the token works and updates go to the app's webhook", async () => {
    const { api } = await telegram();
    await api.setWebhook(WEBHOOK);
    expect(await checkBot(api, WEBHOOK)).toEqual({
      ok: true,
      facts: { username: DEFAULT_BOT.username, webhookUrl: WEBHOOK, pendingUpdates: 0 },
      problems: [],
    });
  });

  it("names a missing or misdirected webhook with the address it should have", async () => {
    const { api } = await telegram();
    expect((await checkBot(api, WEBHOOK)).problems).toEqual([
      { code: "webhookMissing", values: { expected: WEBHOOK } },
    ]);
    await api.setWebhook("https://old.example/hook");
    expect((await checkBot(api, WEBHOOK)).problems).toEqual([
      { code: "webhookElsewhere", values: { url: "https://old.example/hook", expected: WEBHOOK } },
    ]);
  });

  it("reports Telegram's last delivery error while it is recent", async () => {
    const { sim, api } = await telegram();
    // Nothing listens on port 9: the delivery fails as it would to an app that is down.
    const unreachable = "http://127.0.0.1:9/api/telegram/webhook";
    await api.setWebhook(unreachable);
    await sim.start({ id: 4242, first_name: "Bea" });
    const check = await checkBot(api, unreachable);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      {
        code: "deliveryFailing",
        values: { at: expect.any(Date), message: expect.stringMatching(/.+/), url: unreachable },
      },
    ]);
    const hourLater = Date.now() + 2 * 3600_000;
    expect((await checkBot(api, unreachable, hourLater)).ok).toBe(true);
  });

  it("says what is wrong when the token is refused, and when there is no bot", async () => {
    const { server } = await telegram();
    const wrong = createTelegramApi({
      token: "999:not-a-known-bot-token-000000",
      apiRoot: server.url,
    });
    const check = await checkBot(wrong, WEBHOOK);
    expect(check.problems).toEqual([
      { code: "telegramUnreachable", values: { error: expect.stringMatching(/401|Unauthorized/) } },
    ]);
    expect(JSON.stringify(check)).not.toContain("not-a-known-bot-token");
    expect(await checkBot(undefined, WEBHOOK)).toMatchObject({
      ok: false,
      problems: [{ code: "botNotConfigured" }],
    });
  });
});

describe("Stripe's health", () => {
  let server: ServedHandler;
  let handler: (request: Request) => Promise<Response>;
  beforeAll(async () => {
    server = await serveFetchHandler((request) => handler(request));
    served.push(server);
  });
  const stripeWith = (options: Partial<StripeSimulatorOptions> = {}, key = SECRET_KEY) => {
    handler = createStripeSimulator({
      secretKey: SECRET_KEY,
      webhookSecret: "whsec_health",
      webhookUrl: STRIPE_WEBHOOK,
      ...options,
    }).handle;
    return createStripeClient({ secretKey: key, apiBase: server.url });
  };

  it("is ok with an onboarded account and an enabled endpoint at the app's webhook", async () => {
    const check = await checkStripe(stripeWith(), STRIPE_WEBHOOK);
    expect(check).toMatchObject({
      ok: true,
      problems: [],
      facts: {
        accountName: "Promo Sandbox Shop",
        chargesEnabled: true,
        endpointUrl: STRIPE_WEBHOOK,
        endpointStatus: "enabled",
      },
    });
    expect(check.facts.accountId).toMatch(/^acct_/);
  });

  it("names each thing to fix on the account and the endpoint", async () => {
    expect(
      (await checkStripe(stripeWith({ webhookUrl: undefined }), STRIPE_WEBHOOK)).problems,
    ).toEqual([{ code: "endpointMissing", values: { expected: STRIPE_WEBHOOK } }]);
    expect(
      (await checkStripe(stripeWith({ webhookUrl: "https://old.example/hook" }), STRIPE_WEBHOOK))
        .problems,
    ).toEqual([{ code: "endpointMissing", values: { expected: STRIPE_WEBHOOK } }]);
    const broken = stripeWith({
      account: { charges_enabled: false },
      webhookEndpoint: {
        status: "disabled",
        enabledEvents: ["checkout.session.completed", "checkout.session.expired"],
      },
    });
    expect((await checkStripe(broken, STRIPE_WEBHOOK)).problems).toEqual([
      { code: "chargesDisabled" },
      { code: "endpointDisabled", values: { expected: STRIPE_WEBHOOK } },
      {
        code: "eventsMissing",
        values: {
          events:
            "checkout.session.async_payment_succeeded, checkout.session.async_payment_failed, charge.refunded",
        },
      },
    ]);
  });

  it("says when the key is refused, without repeating it, and when Stripe is not set up", async () => {
    const check = await checkStripe(stripeWith({}, "sk_test_wrongkey999999"), STRIPE_WEBHOOK);
    expect(check.problems).toEqual([
      { code: "stripeUnreachable", values: { error: expect.stringContaining("Invalid API Key") } },
    ]);
    expect(JSON.stringify(check)).not.toContain("wrongkey");
    expect((await checkStripe(undefined, STRIPE_WEBHOOK)).problems).toEqual([
      { code: "stripeNotConfigured" },
    ]);
  });
});

describe("the database's health", () => {
  it("turns the readiness check into facts and problems", () => {
    expect(
      databaseCheck({
        live: true,
        ready: false,
        database: { ok: true, driver: "pg", latencyMs: 3 },
        migrations: { ok: false, applied: 3, expected: 4, current: false },
      }),
    ).toEqual({
      ok: false,
      facts: { driver: "pg", latencyMs: 3, migrationsApplied: 3, migrationsExpected: 4 },
      problems: [{ code: "migrationsPending" }],
    });
    expect(
      databaseCheck({
        live: true,
        ready: false,
        database: { ok: false, error: "no answer within 3000 ms" },
        migrations: { ok: false, error: "database unavailable" },
      }).problems,
    ).toEqual([{ code: "databaseUnreachable", values: { error: "no answer within 3000 ms" } }]);
  });
});
