import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products } from "@/db/schema/catalog";
import { inbox } from "@/db/schema/inbox";
import { outbox } from "@/db/schema/jobs";
import { orders } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { handleStripeEvent } from "@/lib/payments/stripe-events";
import { createSellerWithProduct } from "@/test/fixtures";
import { orderThroughBot, startJourney, type Journey } from "@/test/journey-harness";
import { connectTestDatabase, migratedTestDatabaseUrl } from "@/test/database";
import { TELEGRAM_SECRET } from "@/test/journey-harness";
import { startTcpProxy } from "@/test/tcp-proxy";
import { startUpdate } from "@/test/fixtures";

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney("journey_failures");
});
afterAll(() => journey.stop());

let nextBuyer = 920_000;
const newBuyer = () => ({ id: ++nextBuyer, first_name: "Kim", language_code: "en" });

async function orderOf(buyerId: number) {
  return journey.db.db.query.orders.findFirst({ where: eq(orders.buyerTelegramId, buyerId) });
}
async function stockOf(productId: string) {
  return (await journey.db.db.query.products.findFirst({ where: eq(products.id, productId) }))
    ?.stock;
}
async function outboxFor(orderId: string) {
  const rows = await journey.db.db.select().from(outbox);
  return rows.filter((row) => (row.payload as { orderId: string }).orderId === orderId);
}

describe("Stripe webhook", () => {
  it("acts once on an event delivered again and again, in any order", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    const session = await orderThroughBot(journey, buyer, product);
    await journey.stripeSim.pay(session.id);
    const completed = journey.stripeSim.events().find((e) => e.data.object.id === session.id);
    const again = await Promise.all(
      [1, 2, 3].map(() => journey.stripeSim.redeliver(completed!.id)),
    );
    expect(again.map((attempt) => attempt.status)).toEqual([200, 200, 200]);

    const order = await orderOf(buyer.id);
    expect(order?.status).toBe("paid");
    expect((await outboxFor(order!.id)).map((row) => row.kind).sort()).toEqual([
      "invoice.create",
      "order.paid.buyer",
      "order.paid.seller",
    ]);
    // The session's expiry, shuffled in after the payment, changes nothing.
    const expiredLate = {
      ...completed!,
      id: `${completed!.id}_exp`,
      type: "checkout.session.expired",
    };
    expect(await journey.stripeSim.deliver(expiredLate as never)).toBe(200);
    expect((await orderOf(buyer.id))?.status).toBe("paid");
    expect(await stockOf(product.id)).toBe(0);
  });

  it("refuses forged and too-old signatures with 400 and changes nothing", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 2 });
    const buyer = newBuyer();
    const session = await orderThroughBot(journey, buyer, product);
    const order = await orderOf(buyer.id);
    const forged = {
      id: "evt_forged",
      object: "event",
      type: "checkout.session.completed",
      data: { object: { ...session, payment_status: "paid", metadata: { order_id: order!.id } } },
    };
    expect(await journey.stripeSim.deliver(forged as never, { secret: "whsec_attacker" })).toBe(
      400,
    );
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect(await journey.stripeSim.deliver(forged as never, { timestamp: tenMinutesAgo })).toBe(
      400,
    );
    const unsigned = await fetch(`${journey.appUrl}/api/stripe/webhook`, {
      method: "POST",
      body: JSON.stringify(forged),
    });
    expect(unsigned.status).toBe(400);
    expect((await orderOf(buyer.id))?.status).toBe("pending_payment");
  });

  it("expires an unpaid checkout, releases the stock and offers a fresh link that works", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    const session = await orderThroughBot(journey, buyer, product);
    expect(await stockOf(product.id)).toBe(0);

    await journey.stripeSim.expire(session.id);
    await journey.stripeSim.settled();
    expect((await orderOf(buyer.id))?.status).toBe("expired");
    expect(await stockOf(product.id)).toBe(1);

    await journey.drainOutbox();
    expect(journey.lastBotMessage(buyer.id).text).toContain("has expired");
    // The expired link's Pay button is gone; the notice's "New payment link" replaces it.
    expect(payButtons(buyer.id)).toEqual([]);
    const order = await orderOf(buyer.id);
    await journey.press(buyer, `renew:${order!.id}`);
    const renewed = journey.stripeSim.sessions().at(-1);
    expect(renewed?.id).not.toBe(session.id);
    expect(payButtons(buyer.id)).toEqual([renewed?.url]);
    expect(await stockOf(product.id)).toBe(0);
    await journey.stripeSim.pay(renewed!.id);
    expect(await orderOf(buyer.id)).toMatchObject({ status: "paid", number: order!.number });
    await journey.drainOutbox();
    expect(payButtons(buyer.id)).toEqual([]);
  });
});

/** The URLs of the Pay buttons the buyer's chat still offers. */
function payButtons(chatId: number) {
  return journey.telegram
    .messages(chatId)
    .flatMap((message) => message.reply_markup?.inline_keyboard.flat() ?? [])
    .flatMap((button) => ("url" in button ? [button.url] : []));
}

describe("Stripe webhook while the database is down", () => {
  it("answers 500, and Stripe's retry makes exactly one paid order", async () => {
    // This journey reaches its database through a TCP hop the test can cut.
    const url = new URL(await migratedTestDatabaseUrl("journey_outage"));
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
    const connection = await connectTestDatabase(proxy.url(url.toString()));
    const outage = await startJourney("journey_outage", connection);
    try {
      const { product } = await createSellerWithProduct(outage.db.db, { stock: 1 });
      const buyer = newBuyer();
      const session = await orderThroughBot(outage, buyer, product);

      proxy.cut();
      const payment = await outage.stripeSim.pay(session.id);
      expect(payment.outcome).toBe("paid");
      const failed = outage.stripeSim.deliveries().at(-1);
      expect(failed).toMatchObject({ type: "checkout.session.completed" });
      expect(failed?.status).toBeGreaterThanOrEqual(500);

      proxy.restore();
      expect((await outage.stripeSim.redeliver(failed!.eventId)).status).toBe(200);
      expect((await outage.stripeSim.redeliver(failed!.eventId)).status).toBe(200);
      const rows = await outage.db.db
        .select()
        .from(orders)
        .where(eq(orders.buyerTelegramId, buyer.id));
      expect(rows).toMatchObject([{ status: "paid" }]);
      const queued = (await outage.db.db.select().from(outbox)).filter(
        (row) => (row.payload as { orderId?: string }).orderId === rows[0]?.id,
      );
      expect(queued.map((row) => row.kind).sort()).toEqual([
        "invoice.create",
        "order.paid.buyer",
        "order.paid.seller",
      ]);
    } finally {
      await outage.stop();
      await connection.close();
      await proxy.close();
    }
  });
});

describe("notifications", () => {
  it("waits out a 429 and delivers the message exactly once", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    journey.telegram.markStarted(seller.telegramId);
    const buyer = newBuyer();
    const session = await orderThroughBot(journey, buyer, product);
    await journey.stripeSim.pay(session.id);
    journey.telegram.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    await journey.drainOutbox();
    const order = await orderOf(buyer.id);
    // Both notices, the invoice and the message about it: each once.
    expect((await outboxFor(order!.id)).map((row) => row.status)).toEqual([
      "sent",
      "sent",
      "sent",
      "sent",
    ]);
    const paidNotices = journey.botTexts(buyer.id).filter((t) => t.includes("Payment received"));
    expect(paidNotices).toHaveLength(1);
    expect(
      journey.telegram.calls("sendMessage").some((call) => call.error?.error_code === 429),
    ).toBe(true);
  });

  it("puts a notice off by a long 429's retry_after instead of sleeping, and sends it once", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    journey.telegram.markStarted(seller.telegramId);
    const buyer = newBuyer();
    const session = await orderThroughBot(journey, buyer, product);
    await journey.stripeSim.pay(session.id);
    journey.telegram.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 30",
      parameters: { retry_after: 30 },
    });
    await journey.drainOutbox();
    const order = await orderOf(buyer.id);
    const waiting = (await outboxFor(order!.id)).find((row) => row.lastError?.includes("429"));
    // Not a failed attempt: Telegram said when, and the row is due then (the order's later
    // messages wait behind it).
    expect(waiting).toMatchObject({ status: "pending", attempts: 0 });
    expect(waiting!.runAfter.getTime()).toBeGreaterThan(Date.now() + 20_000);

    await journey.db.db
      .update(outbox)
      .set({ runAfter: new Date() })
      .where(eq(outbox.id, waiting!.id));
    await journey.drainOutbox();
    expect((await outboxFor(order!.id)).every((row) => row.status === "sent")).toBe(true);
    const paidNotices = journey.botTexts(buyer.id).filter((t) => t.includes("Payment received"));
    expect(paidNotices).toHaveLength(1);
  });

  it("records a seller who never started the bot instead of retrying forever", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    const session = await orderThroughBot(journey, buyer, product);
    await journey.stripeSim.pay(session.id);
    await journey.drainOutbox();

    const order = await orderOf(buyer.id);
    const buyerRow = (await outboxFor(order!.id)).find((row) => row.kind === "order.paid.buyer");
    expect(buyerRow).toMatchObject({ status: "sent" });
    const sellerRow = (await outboxFor(order!.id)).find((row) => row.kind === "order.paid.seller");
    expect(sellerRow).toMatchObject({ status: "failed" });
    expect(sellerRow?.lastError).toContain("403");
    const blocked = await journey.db.db.query.users.findFirst({ where: eq(users.id, seller.id) });
    expect(blocked?.notificationsBlockedAt).toBeInstanceOf(Date);
    const calls = journey.telegram.calls("sendMessage").length;
    await journey.drainOutbox();
    expect(journey.telegram.calls("sendMessage")).toHaveLength(calls);
  });

  it("never sends a message twice when several app copies drain at once", async () => {
    const { seller, product } = await createSellerWithProduct(journey.db.db, { stock: null });
    journey.telegram.markStarted(seller.telegramId);
    const buyers = Array.from({ length: 6 }, newBuyer);
    for (const buyer of buyers) {
      await orderThroughBot(journey, buyer, product);
      const order = await orderOf(buyer.id);
      await handleStripeEvent(journey.db.db, {
        id: `evt_copies_${buyer.id}`,
        type: "checkout.session.completed",
        data: {
          object: {
            id: order!.stripeCheckoutSessionId,
            payment_status: "paid",
            amount_total: order!.totalAmountMinor,
            currency: "eur",
            metadata: { order_id: order!.id },
          },
        },
      } as never);
    }
    const before = journey.telegram.messages(seller.telegramId).length;
    await Promise.all([journey.drainOutbox(), journey.drainOutbox(), journey.drainOutbox()]);
    // Per order: two notices, the invoice and the message about it; every one sent.
    const paid = await Promise.all(buyers.map((buyer) => orderOf(buyer.id)));
    const ids = new Set(paid.map((order) => order!.id));
    const jobs = (await journey.db.db.select().from(outbox)).filter((job) =>
      ids.has((job.payload as { orderId?: string }).orderId ?? ""),
    );
    expect(jobs.map((job) => job.status)).toEqual(Array(24).fill("sent"));
    // The seller hears of each order once: alone, or in a digest with others that waited.
    const sellerTexts = journey.telegram
      .messages(seller.telegramId)
      .slice(before)
      .map((message) => message.text ?? "")
      .join("\n");
    for (const order of paid) {
      expect(sellerTexts.match(new RegExp(`#${order!.shopNumber}\\b`, "g"))).toHaveLength(1);
    }
    for (const buyer of buyers) {
      const notices = journey.botTexts(buyer.id).filter((t) => t.includes("Payment received"));
      expect(notices).toHaveLength(1);
    }
  });
});

describe("Telegram webhook", () => {
  it("refuses a wrong or missing secret with 401 and does nothing", async () => {
    const buyer = newBuyer();
    const wrong = await journey.telegram.deliver(startUpdate(990_001, buyer.id), {
      secretToken: "not-the-secret",
    });
    const missing = await journey.telegram.deliver(startUpdate(990_002, buyer.id), {
      secretToken: null,
    });
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    expect(journey.botTexts(buyer.id)).toEqual([]);
  });

  it("acknowledges a replayed update_id without handling it twice", async () => {
    const buyer = newBuyer();
    journey.telegram.markStarted(buyer.id);
    const first = await journey.telegram.deliver(startUpdate(990_010, buyer.id), {
      secretToken: TELEGRAM_SECRET,
    });
    const replay = await journey.telegram.deliver(startUpdate(990_010, buyer.id), {
      secretToken: TELEGRAM_SECRET,
    });
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(journey.botTexts(buyer.id)).toHaveLength(1);
  });

  it("answers 200 when Telegram fails mid-update, and answers the buyer once it is back", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { title: "Blue Mug" });
    const buyer = newBuyer();
    // Telegram's gateway fails: the update itself is tried again, not the call in place.
    journey.telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    const delivery = await journey.telegram.start(buyer, product.deepLinkPayload);
    expect(delivery.status).toBe(200);
    expect(journey.botTexts(buyer.id)).toEqual([]);
    const [row] = await inboxRowsOf(buyer.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });

    // Its retry falls due (the worker looks again every second).
    await journey.db.db.update(inbox).set({ runAfter: new Date() }).where(eq(inbox.id, row!.id));
    await journey.processInbox();
    expect(journey.botTexts(buyer.id).filter((text) => text.includes("Blue Mug"))).toHaveLength(1);
    expect((await inboxRowsOf(buyer.id))[0]).toMatchObject({ status: "done", attempts: 2 });
  });

  it("does not send a reply twice when its update is processed again after a copy died", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { title: "Green Mug" });
    const buyer = newBuyer();
    await journey.telegram.start(buyer, product.deepLinkPayload);
    const [row] = await inboxRowsOf(buyer.id);
    expect(row).toMatchObject({ status: "done", attempts: 1 });

    // The copy sent the card and died before it marked the update done: its lease lapses and
    // another copy processes the update again.
    await journey.db.db
      .update(inbox)
      .set({ status: "pending", leaseUntil: null, doneAt: null })
      .where(eq(inbox.id, row!.id));
    await journey.processInbox();
    expect((await inboxRowsOf(buyer.id))[0]).toMatchObject({ status: "done", attempts: 2 });
    expect(journey.botTexts(buyer.id).filter((text) => text.includes("Green Mug"))).toHaveLength(1);
  });

  it("parks an update Telegram refuses with 400, with the reason, and goes on with the chat", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { title: "Red Mug" });
    const buyer = newBuyer();
    journey.telegram.failNext("sendMessage", {
      error_code: 400,
      description: "Bad Request: message is too long",
    });
    expect((await journey.telegram.start(buyer, product.deepLinkPayload)).status).toBe(200);
    expect(await inboxRowsOf(buyer.id)).toEqual([
      expect.objectContaining({ status: "parked", attempts: 1 }),
    ]);
    expect((await inboxRowsOf(buyer.id))[0]?.lastError).toContain("message is too long");

    // The chat is not held behind it: the buyer's next tap is answered.
    await journey.telegram.start(buyer, product.deepLinkPayload);
    expect(journey.botTexts(buyer.id).filter((text) => text.includes("Red Mug"))).toHaveLength(1);
  });

  it("is done with an update for a buyer who blocked the bot, without retrying", async () => {
    const { product } = await createSellerWithProduct(journey.db.db);
    const buyer = newBuyer();
    journey.telegram.failNext("sendMessage", {
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    expect((await journey.telegram.start(buyer, product.deepLinkPayload)).status).toBe(200);
    expect(await inboxRowsOf(buyer.id)).toEqual([
      expect.objectContaining({ status: "done", attempts: 1 }),
    ]);
  });

  it("handles two answers of one chat arriving at once one after the other, each in its field", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    expect(journey.lastBotMessage(buyer.id).text).toContain("full name");

    // Telegram delivers both while the first is still being handled (another connection, or
    // another app copy): the second must wait for the first, not read the same dialog state.
    await Promise.all([
      journey.telegram.sendText(buyer, "Erika Mustermann"),
      journey.telegram.sendText(buyer, "Hauptstraße 1"),
    ]);
    await journey.processInbox();
    const prompts = journey.botTexts(buyer.id);
    expect(prompts.filter((text) => text === "Street and house number?")).toHaveLength(1);
    expect(prompts.at(-1)).toBe("Postcode?");
  });
});

async function inboxRowsOf(buyerId: number) {
  const rows = await journey.db.db.select().from(inbox).where(eq(inbox.source, "telegram"));
  return rows.filter((row) => JSON.stringify(row.payload).includes(`"id":${buyerId},`));
}
