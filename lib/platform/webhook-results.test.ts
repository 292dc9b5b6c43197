import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { monitorEvents } from "@/db/schema/monitoring";
import { orders } from "@/db/schema/orders";
import { connectTestDatabase, migratedTestDatabaseUrl } from "@/test/database";
import { createSellerWithProduct } from "@/test/fixtures";
import {
  orderThroughBot,
  startJourney,
  STRIPE_WEBHOOK_SECRET,
  TELEGRAM_SECRET,
  type Journey,
} from "@/test/journey-harness";
import { captureLogs } from "@/test/log-capture";
import { startTcpProxy } from "@/test/tcp-proxy";
import { recordMonitorEvent } from "./monitor-events";
import { startUpdate } from "@/test/fixtures";

// Every answer of both webhooks, driven through the app's real handlers, must produce the one
// log line CloudWatch's metric filters count, with the ids an operator searches for; anything
// but "ok" must also be counted in the database for the Monitoring page and the alerts.

let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let connection: DatabaseConnection;
let journey: Journey;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  // The journey reaches its database through a hop the tests can cut ("the database is down").
  const url = new URL(await migratedTestDatabaseUrl("webhook_results"));
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
  connection = await connectTestDatabase(proxy.url(url.toString()));
  journey = await startJourney("webhook_results", connection);
});
afterAll(async () => {
  await journey.stop();
  await connection.close();
  await proxy.close();
});
afterEach(() => {
  proxy.restore();
  logs?.stop();
});

let nextBuyer = 930_000;
const newBuyer = () => ({ id: ++nextBuyer, first_name: "Kim", language_code: "en" });

async function countedWebhooks(source: "stripe" | "telegram") {
  // Events written late (the database was down when they happened) are written first.
  await recordMonitorEvent(journey.db.db);
  const rows = await journey.db.db
    .select()
    .from(monitorEvents)
    .where(and(eq(monitorEvents.kind, "webhook"), eq(monitorEvents.source, source)));
  return rows.map((row) => row.detail as Record<string, unknown>);
}

describe("the Stripe webhook's answers", () => {
  it("logs ok, duplicate, rejected and failed with the event's id and type", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 3 });
    const session = await orderThroughBot(journey, newBuyer(), product);
    logs = captureLogs();

    await journey.stripeSim.pay(session.id);
    const paid = journey.stripeSim.events().find((e) => e.data.object.id === session.id)!;
    expect((await journey.stripeSim.redeliver(paid.id)).status).toBe(200);
    expect(await journey.stripeSim.deliver(paid, { secret: "whsec_attacker" })).toBe(400);
    proxy.cut();
    expect((await journey.stripeSim.redeliver(paid.id)).status).toBe(500);
    proxy.restore();

    const results = logs.events("webhook.result");
    expect(results).toEqual([
      expect.objectContaining({ source: "stripe", outcome: "ok", status: 200 }),
      expect.objectContaining({ source: "stripe", outcome: "duplicate", status: 200 }),
      expect.objectContaining({ source: "stripe", outcome: "rejected", status: 400 }),
      expect.objectContaining({ source: "stripe", outcome: "failed", status: 500 }),
    ]);
    const [ok, duplicate, rejected, failed] = results;
    expect(ok).toMatchObject({ eventId: paid.id, eventType: paid.type });
    expect(duplicate).toMatchObject({ eventId: paid.id });
    // A forged event's id is the forger's claim: it is not trusted into the logs.
    expect(rejected?.eventId).toBeUndefined();
    expect(failed).toMatchObject({ eventId: paid.id });
    for (const line of results) expect(line.requestId).toEqual(expect.any(String));
    // The failure's own line says why, without the event's payload.
    const why = logs.entries().find((e) => e.msg === "Stripe event not stored; Stripe will retry");
    expect(why).toMatchObject({ eventId: paid.id, level: 50 });

    const counted = await countedWebhooks("stripe");
    expect(counted).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: "duplicate", status: 200, eventId: paid.id }),
        expect.objectContaining({ outcome: "rejected", status: 400 }),
        // Written once the database was back: an outage's failures still count.
        expect.objectContaining({ outcome: "failed", status: 500, eventId: paid.id }),
      ]),
    );
    expect(counted.filter((detail) => detail.outcome === "ok")).toEqual([]);
  });

  it("takes the load balancer's trace id as the request id", async () => {
    logs = captureLogs();
    // A type the shop does not act on: acknowledged and ignored.
    const payload = JSON.stringify({
      id: "evt_traced",
      type: "customer.created",
      data: { object: { id: "cus_traced", object: "customer" } },
    });
    const response = await fetch(`${journey.appUrl}/api/stripe/webhook`, {
      method: "POST",
      headers: {
        "stripe-signature": Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: STRIPE_WEBHOOK_SECRET,
        }),
        "x-amzn-trace-id": "Root=1-6745f0a1-0123456789abcdef01234567",
      },
      body: payload,
    });
    expect(response.status).toBe(200);
    expect(logs.events("webhook.result")).toEqual([
      expect.objectContaining({
        outcome: "ok",
        requestId: "Root=1-6745f0a1-0123456789abcdef01234567",
        eventId: "evt_traced",
      }),
    ]);
  });
});

describe("the Telegram webhook's answers", () => {
  it("logs ok, duplicate, rejected and failed with the update's id", async () => {
    const buyer = newBuyer();
    // Hand-made updates skip the /start that would let the bot answer.
    journey.telegram.markStarted(buyer.id);
    logs = captureLogs();
    const deliver = (updateId: number, secretToken: string | null = TELEGRAM_SECRET) =>
      journey.telegram.deliver(startUpdate(updateId, buyer.id), { secretToken });

    expect((await deliver(995_001)).status).toBe(200);
    expect((await deliver(995_001)).status).toBe(200);
    expect((await deliver(995_002, "not-the-secret")).status).toBe(401);
    const notJson = await fetch(`${journey.appUrl}/api/telegram/webhook`, {
      method: "POST",
      headers: { "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
      body: "<xml/>",
    });
    expect(notJson.status).toBe(400);
    proxy.cut();
    expect((await deliver(995_003)).status).toBe(500);
    proxy.restore();

    const results = logs.events("webhook.result");
    expect(results).toEqual([
      expect.objectContaining({ source: "telegram", outcome: "ok", status: 200 }),
      expect.objectContaining({ source: "telegram", outcome: "duplicate", status: 200 }),
      expect.objectContaining({ source: "telegram", outcome: "rejected", status: 401 }),
      expect.objectContaining({ source: "telegram", outcome: "rejected", status: 400 }),
      expect.objectContaining({ source: "telegram", outcome: "failed", status: 500 }),
    ]);
    expect(results.map((line) => line.updateId)).toEqual([
      995_001,
      995_001,
      undefined,
      undefined,
      995_003,
    ]);
    const why = logs
      .entries()
      .find((e) => e.msg === "Telegram update not stored; Telegram will retry");
    expect(why).toMatchObject({ updateId: 995_003, err: expect.objectContaining({}) });

    // Telegram retries the failed update once the database is back: it is handled then.
    expect((await deliver(995_003)).status).toBe(200);
    const counted = await countedWebhooks("telegram");
    expect(counted).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: "duplicate", updateId: 995_001 }),
        expect.objectContaining({ outcome: "rejected", status: 401 }),
        expect.objectContaining({ outcome: "rejected", status: 400 }),
        expect.objectContaining({ outcome: "failed", status: 500, updateId: 995_003 }),
      ]),
    );
  });
});

describe("failed API calls", () => {
  it("logs each failed Bot API call with its method and code", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    const session = await orderThroughBot(journey, buyer, product);
    await journey.stripeSim.pay(session.id);
    logs = captureLogs();
    // The seller never started the bot: Telegram refuses their notice (403).
    await journey.drainOutbox();
    const failures = logs.events("api.error").filter((line) => line.sellerId === seller.id);
    expect(failures).toEqual([
      expect.objectContaining({
        event: "api.error",
        service: "telegram",
        method: "sendMessage",
        code: 403,
        outboxKind: "order.paid.seller",
      }),
    ]);
  });

  it("logs Stripe's error answers and calls that got no answer", async () => {
    logs = captureLogs();
    await expect(
      journey.stripe.refunds.create({ payment_intent: "pi_does_not_exist" }),
    ).rejects.toThrow();
    const closed = await import("@/lib/payments/stripe-client").then(({ createStripeClient }) =>
      createStripeClient({ secretKey: "sk_test_x", apiBase: "http://127.0.0.1:9" }),
    );
    await expect(closed.checkout.sessions.retrieve("cs_test_1")).rejects.toThrow();
    const failures = logs.events("api.error");
    expect(failures[0]).toMatchObject({
      service: "stripe",
      method: "POST /v1/refunds",
      code: expect.any(Number),
    });
    expect(failures[0]?.code).toBeGreaterThanOrEqual(400);
    // No answer at all: reported for each of the SDK's tries, with the id left out.
    expect(failures.slice(1).length).toBeGreaterThanOrEqual(1);
    for (const failure of failures.slice(1)) {
      expect(failure).toMatchObject({
        service: "stripe",
        method: "GET /v1/checkout/sessions/{id}",
        code: 0,
      });
    }
  });
});

describe("logs of a buyer's journey", () => {
  it("never contain the buyer's name, street, postcode or e-mail, nor a token or secret", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 2 });
    const buyer = { id: ++nextBuyer, first_name: "Erika", last_name: "Mustermann" };
    logs = captureLogs();
    const session = await orderThroughBot(journey, buyer, product);
    await journey.stripeSim.pay(session.id);
    await journey.drainOutbox();
    // An update carrying a buyer's street fails (the database is down): its error is logged.
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    await journey.say(buyer, "Erika Mustermann");
    proxy.cut();
    const failed = await journey.telegram.sendText(buyer, "Hauptstraße 1");
    proxy.restore();
    expect(failed.status).toBe(500);

    const order = await journey.db.db.query.orders.findFirst({
      where: eq(orders.buyerTelegramId, buyer.id),
    });
    expect(order?.addressStreet).toBe("Hauptstraße 1");
    const text = logs.text();
    expect(logs.entries().some((entry) => entry.level >= 50)).toBe(true);
    for (const value of [
      "Erika",
      "Mustermann",
      "Hauptstraße",
      "10115",
      "erika@example.com",
      TELEGRAM_SECRET,
      STRIPE_WEBHOOK_SECRET,
      journey.bot.token,
    ]) {
      expect(text).not.toContain(value);
    }
    expect(text).toContain("webhook.result");
  });
});
