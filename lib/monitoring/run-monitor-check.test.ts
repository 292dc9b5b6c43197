import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema/jobs";
import { incidents } from "@/db/schema/monitoring";
import { users, type User } from "@/db/schema/users";
import { connectTestDatabase, migratedTestDatabaseUrl } from "@/test/database";
import { createSellerWithProduct, startUpdate } from "@/test/fixtures";
import { receive } from "@/lib/jobs/inbox";
import { orderThroughBot, startJourney } from "@/test/journey-harness";
import { captureLogs } from "@/test/log-capture";
import { startTcpProxy } from "@/test/tcp-proxy";
import { runMonitorCheck } from "./run-monitor-check";
import { settleMonitorWrites } from "@/lib/platform/monitor-events";

// The alert checks as several app copies run them: each copy has its own connection to the
// shared database and checks every minute, at the same moments or not. Whatever they do, one
// problem is one incident, one alert per admin, and one recovery per admin when it clears.

let logs: ReturnType<typeof captureLogs> | undefined;
afterEach(() => logs?.stop());

const minutesLater = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/**
 * A shop on its own database (so each problem below starts from a healthy system), run by two
 * app copies, with two admins (one German) and a seller who all started the bot. The first
 * copy reaches the database through a hop the test can cut.
 */
async function startShop(name: string) {
  const url = await migratedTestDatabaseUrl(name);
  const address = new URL(url);
  const proxy = await startTcpProxy({ host: address.hostname, port: Number(address.port) });
  const proxied = await connectTestDatabase(proxy.url(url));
  const otherCopy = await connectTestDatabase(url);
  const journey = await startJourney(name, proxied);
  const [english, german] = await journey.db.db
    .insert(users)
    .values([
      { telegramId: 880_001, name: "Ada Admin", role: "admin" },
      { telegramId: 880_002, name: "Dora Admin", role: "admin" },
    ])
    .returning();
  // Admins start the bot like anyone; Telegram tells it their language.
  await journey.telegram.start({ id: 880_001, first_name: "Ada", language_code: "en" });
  await journey.telegram.start({ id: 880_002, first_name: "Dora", language_code: "de-AT" });
  const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 5 });
  journey.telegram.markStarted(seller.telegramId);

  return {
    journey,
    proxy,
    product,
    admins: { english: english!, german: german! },
    seller,
    /** Both copies check at once, `rounds` times over, as of `now`. */
    async checkFromTwoCopies(now?: Date, rounds = 3) {
      const results = [];
      for (let round = 0; round < rounds; round++) {
        results.push(
          ...(await Promise.all(
            [journey.db.db, otherCopy.db].map((db) =>
              runMonitorCheck(db, {
                telegram: journey.telegramApi,
                publicUrl: "https://shop.example.com",
                now,
              }),
            ),
          )),
        );
      }
      return results;
    },
    /** The alerts and recoveries in an admin's chat, oldest first. */
    alertsTo(admin: User) {
      return journey
        .botTexts(admin.telegramId)
        .filter((text) => text.startsWith("⚠️") || text.startsWith("✅"));
    },
    incidents: (key: string) =>
      journey.db.db.select().from(incidents).where(eq(incidents.key, key)),
    async stop() {
      await journey.stop();
      await Promise.all([proxied.close(), otherCopy.close()]);
      await proxy.close();
    },
  };
}
type Shop = Awaited<ReturnType<typeof startShop>>;

describe("Stripe webhooks failing", () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await startShop("incidents_stripe");
  });
  afterAll(() => shop.stop());

  it("opens one incident with one alert per admin, and one recovery each when it clears", async () => {
    const { journey, proxy, admins, alertsTo } = shop;
    const session = await orderThroughBot(
      journey,
      { id: 881_001, first_name: "Kim" },
      shop.product,
    );
    // The database goes away as the buyer pays: Stripe's delivery and four retries fail.
    proxy.cut();
    await journey.stripeSim.pay(session.id);
    const failed = journey.stripeSim.deliveries().at(-1)!;
    for (let retry = 0; retry < 4; retry++) await journey.stripeSim.redeliver(failed.eventId);
    proxy.restore();
    expect(journey.stripeSim.deliveries().filter((d) => d.eventId === failed.eventId)).toEqual(
      Array.from({ length: 5 }, () => expect.objectContaining({ status: 500 })),
    );

    logs = captureLogs();
    const checks = await shop.checkFromTwoCopies();
    expect(checks.filter((check) => check.opened.includes("stripe-webhook-failures"))).toHaveLength(
      1,
    );
    expect(await shop.incidents("stripe-webhook-failures")).toEqual([
      expect.objectContaining({ resolvedAt: null, detail: { count: 5, minutes: 5 } }),
    ]);
    await journey.drainOutbox();
    expect(alertsTo(admins.english)).toEqual([
      expect.stringContaining("Stripe webhooks are failing"),
    ]);
    expect(alertsTo(admins.english)[0]).toContain("5 Stripe webhooks failed in the last 5 minutes");
    expect(alertsTo(admins.german)).toEqual([
      expect.stringContaining("Stripe-Webhooks schlagen fehl"),
    ]);
    expect(journey.botTexts(shop.seller.telegramId)).toEqual([]);
    expect(logs.events("alert.opened")).toEqual([
      expect.objectContaining({ event: "alert.opened", incident: "stripe-webhook-failures" }),
    ]);

    // Stripe's next retry gets through; five quiet minutes later the checks clear it.
    expect((await journey.stripeSim.redeliver(failed.eventId)).status).toBe(200);
    await journey.drainOutbox();
    await shop.checkFromTwoCopies(minutesLater(4));
    expect(await shop.incidents("stripe-webhook-failures")).toEqual([
      expect.objectContaining({ resolvedAt: null }),
    ]);
    const clearing = await shop.checkFromTwoCopies(minutesLater(6));
    expect(clearing.filter((c) => c.resolved.includes("stripe-webhook-failures"))).toHaveLength(1);
    await journey.drainOutbox();
    expect(alertsTo(admins.english)).toEqual([
      expect.stringContaining("Stripe webhooks are failing"),
      expect.stringContaining("Resolved: Stripe webhooks are failing"),
    ]);
    expect(alertsTo(admins.german)).toEqual([
      expect.stringContaining("Stripe-Webhooks schlagen fehl"),
      expect.stringContaining("Behoben: Stripe-Webhooks schlagen fehl"),
    ]);
    expect(logs.events("alert.resolved")).toEqual([
      expect.objectContaining({ incident: "stripe-webhook-failures" }),
    ]);

    // Quiet from now on: more checks send nothing more.
    await shop.checkFromTwoCopies(minutesLater(7));
    await journey.drainOutbox();
    expect(alertsTo(admins.english)).toHaveLength(2);
  });
});

describe("the outbox stalled", () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await startShop("incidents_outbox");
  });
  afterAll(() => shop.stop());

  it("alerts when a message has waited five minutes and recovers once it is sent", async () => {
    const { journey, admins, alertsTo } = shop;
    const session = await orderThroughBot(
      journey,
      { id: 881_002, first_name: "Lou" },
      shop.product,
    );
    await journey.stripeSim.pay(session.id);
    // Nobody drains: the buyer's and seller's notices and the invoice wait. Six minutes on, that
    // is an incident.
    await shop.checkFromTwoCopies(minutesLater(2));
    expect(await shop.incidents("outbox-stalled")).toEqual([]);
    await shop.checkFromTwoCopies(minutesLater(6));
    expect(await shop.incidents("outbox-stalled")).toEqual([
      expect.objectContaining({ resolvedAt: null, detail: { pending: 3, minutes: 6 } }),
    ]);

    // The worker runs again: the notices and the alert go out, and the next check recovers.
    await journey.drainOutbox();
    await shop.checkFromTwoCopies(minutesLater(6));
    await journey.drainOutbox();
    expect(alertsTo(admins.english)).toEqual([
      expect.stringContaining("3 messages are waiting to be sent, the oldest for 6 minutes"),
      expect.stringContaining("Resolved: Telegram messages are stuck"),
    ]);
    const pending = (await journey.db.db.select().from(outbox)).filter(
      (row) => row.status === "pending",
    );
    expect(pending).toEqual([]);
  });
});

describe("Telegram cannot deliver to the webhook", () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await startShop("incidents_webhook");
  });
  afterAll(() => shop.stop());

  it("alerts on Telegram's recent delivery error and recovers after a quiet quarter hour", async () => {
    const { journey, admins, alertsTo } = shop;
    // The webhook's secret was changed without telling Telegram: its delivery gets a 401.
    const refused = await journey.telegram.deliver(
      { update_id: 996_001, message: { text: "hi" } } as never,
      { secretToken: "rotated-secret" },
    );
    expect(refused.status).toBe(401);
    const checks = await shop.checkFromTwoCopies();
    expect(checks.flatMap((check) => check.opened)).toEqual(["telegram-webhook-errors"]);
    await journey.drainOutbox();
    expect(alertsTo(admins.english)).toEqual([
      expect.stringContaining("Telegram reports: “Wrong response from the webhook: 401"),
    ]);
    // Ten minutes on the error is still fresh enough to hold: no recovery, no second alert.
    await shop.checkFromTwoCopies(minutesLater(10));
    await shop.checkFromTwoCopies(minutesLater(16));
    await journey.drainOutbox();
    expect(alertsTo(admins.english)).toEqual([
      expect.stringContaining("Telegram cannot reach the bot"),
      expect.stringContaining("Resolved: Telegram cannot reach the bot"),
    ]);
  });
});

describe("the inbox stalled", () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await startShop("incidents_inbox");
  });
  afterAll(() => shop.stop());

  it("alerts when a received update has waited ten minutes and recovers once it is processed", async () => {
    const { journey, admins, alertsTo } = shop;
    journey.telegram.markStarted(881_003);
    // Stored by the webhook, but no worker takes it (every copy's worker is stuck).
    await receive(journey.db.db, {
      source: "telegram",
      externalId: "881003001",
      orderingKey: "chat:881003",
      payload: startUpdate(881_003_001, 881_003),
    });
    await shop.checkFromTwoCopies(minutesLater(5));
    expect(await shop.incidents("inbox-stalled")).toEqual([]);
    await shop.checkFromTwoCopies(minutesLater(11));
    expect(await shop.incidents("inbox-stalled")).toEqual([
      expect.objectContaining({ resolvedAt: null, detail: { pending: 1, minutes: 11 } }),
    ]);

    await journey.processInbox();
    await shop.checkFromTwoCopies(minutesLater(11));
    await journey.drainOutbox();
    expect(alertsTo(admins.english)).toEqual([
      expect.stringContaining(
        "1 update or payment event waits to be processed, the oldest for 11 minutes",
      ),
      expect.stringContaining("Resolved: Received updates are not being processed"),
    ]);
  });
});

describe("Bot API calls failing", () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await startShop("incidents_api");
  });
  afterAll(() => shop.stop());

  it("alerts on a burst of errors that are not about one message or user", async () => {
    const { journey, admins, alertsTo } = shop;
    // Everyday refusals (a buyer blocked the bot) are no incident, however many.
    journey.telegram.failNext(
      "getChat",
      { error_code: 403, description: "Forbidden: bot was blocked by the user" },
      12,
    );
    for (let call = 0; call < 12; call++) {
      await expect(journey.telegramApi.getChat(1)).rejects.toMatchObject({ error_code: 403 });
    }
    await settleMonitorWrites();
    expect((await shop.checkFromTwoCopies()).flatMap((check) => check.opened)).toEqual([]);

    // The token was revoked: every call answers 401.
    journey.telegram.failNext("getMe", { error_code: 401, description: "Unauthorized" }, 10);
    for (let call = 0; call < 10; call++) {
      await expect(journey.telegramApi.getMe()).rejects.toThrow("401");
    }
    await settleMonitorWrites();
    await shop.checkFromTwoCopies();
    await journey.drainOutbox();
    expect(alertsTo(admins.english)).toEqual([
      expect.stringContaining("10 Bot API calls failed in the last 5 minutes (latest: getMe, 401)"),
    ]);
  });
});
