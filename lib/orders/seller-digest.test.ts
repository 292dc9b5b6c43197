import { eq, inArray } from "drizzle-orm";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { outbox } from "@/db/schema/jobs";
import { orders, type Order } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import type { JobDeps } from "@/lib/jobs/define-job";
import { jobDispatcher } from "@/lib/jobs/dispatch-job";
import { drainOutbox, enqueue } from "@/lib/jobs/outbox";
import { visibleLength } from "@/lib/telegram/message-limits";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { migratedTestDatabase } from "@/test/database";
import { createSellerWithProduct, orderRow } from "@/test/fixtures";
import { orderPaidBuyerNotice } from "./buyer-notices";
import { sellerDigest } from "./seller-digest";
import { orderPaidSellerNotice } from "./seller-notices";

let connection: DatabaseConnection;
let server: ServedHandler;
const sim = createTelegramSimulator();
const bot = sim.bot(DEFAULT_BOT.token);
let deliver: ReturnType<typeof jobDispatcher>;

beforeAll(async () => {
  connection = await migratedTestDatabase("seller_digest");
  server = await serveFetchHandler(sim.handle);
  const api = new Api(DEFAULT_BOT.token, { apiRoot: server.url });
  deliver = jobDispatcher([orderPaidSellerNotice, orderPaidBuyerNotice], {
    api,
    publicUrl: "https://shop.example.com",
  } as JobDeps);
});
afterAll(async () => {
  await server.close();
  await connection.close();
});

let checkout = 0;
async function sellerWithPaidOrders(count: number, language = "en") {
  const { seller, product } = await createSellerWithProduct(connection.db);
  await connection.db.update(users).set({ language }).where(eq(users.id, seller.id));
  bot.markStarted({ id: seller.telegramId, first_name: "Seller", language_code: language });
  const paid = await connection.db
    .insert(orders)
    .values(
      Array.from({ length: count }, (_, i) =>
        orderRow(
          { sellerId: seller.id, productId: product.id, checkoutKey: `digest-${++checkout}` },
          { productTitle: `Blend ${i + 1}`, totalAmountMinor: 1290 * (i + 1) },
        ),
      ),
    )
    .returning();
  return { seller, paid };
}

const statusOf = async (paid: Order[]) =>
  (
    await connection.db
      .select({ status: outbox.status, dedupeKey: outbox.dedupeKey })
      .from(outbox)
      .orderBy(outbox.id)
      .where(
        inArray(
          outbox.dedupeKey,
          paid.map((order) => `order.paid.seller:${order.id}`),
        ),
      )
  ).map((row) => row.status);

describe("seller digests", () => {
  it("sends several paid-order notices waiting for one seller as one message listing them", async () => {
    const a = await sellerWithPaidOrders(3);
    const b = await sellerWithPaidOrders(2);
    // Queued as a burst of payments is: the sellers' orders interleaved.
    const [a1, a2, a3] = a.paid;
    const [b1, b2] = b.paid;
    await enqueue(
      connection.db,
      ...[a1!, b1!, a2!, b2!, a3!].map((order) => orderPaidSellerNotice.of({ orderId: order.id })),
    );

    // One job runs: the first seller's notice, which takes the other two of that seller along.
    expect(await drainOutbox(connection.db, deliver, 1)).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    const [digest, ...more] = bot.messages(a.seller.telegramId);
    expect(more).toEqual([]);
    expect(digest?.text).toContain("3 new paid orders");
    for (const order of a.paid) expect(digest?.text).toContain(`#${order.shopNumber}: 1 × Blend`);
    expect(await statusOf(a.paid)).toEqual(["sent", "sent", "sent"]);
    // The other seller's notices are left as they were.
    expect(bot.messages(b.seller.telegramId)).toEqual([]);
    expect(await statusOf(b.paid)).toEqual(["pending", "pending"]);

    await drainOutbox(connection.db, deliver);
    expect(bot.messages(b.seller.telegramId)).toHaveLength(1);
    expect(await statusOf(b.paid)).toEqual(["sent", "sent"]);
    expect(bot.messages(a.seller.telegramId)).toHaveLength(1);
  });

  it("keeps a lone notice the usual one, with its button", async () => {
    const { seller, paid } = await sellerWithPaidOrders(1, "de");
    await enqueue(connection.db, orderPaidSellerNotice.of({ orderId: paid[0]!.id }));
    await drainOutbox(connection.db, deliver);
    const [notice, ...more] = bot.messages(seller.telegramId);
    expect(more).toEqual([]);
    expect(notice?.text).toContain(`Neue Bestellung #${paid[0]!.shopNumber}`);
    expect(notice?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("Als versandt markieren");
  });

  it("leaves out an order whose buyer has not been told yet", async () => {
    const { seller, paid } = await sellerWithPaidOrders(2);
    const [first, second] = paid;
    // The second order's buyer notice waits (its retry is later): its seller notice, queued
    // behind it under the order's key, is not the digest's to send.
    await enqueue(
      connection.db,
      orderPaidSellerNotice.of({ orderId: first!.id }),
      orderPaidBuyerNotice.of({ orderId: second!.id }),
      orderPaidSellerNotice.of({ orderId: second!.id }),
    );
    await connection.db
      .update(outbox)
      .set({ runAfter: new Date(Date.now() + 60_000) })
      .where(eq(outbox.dedupeKey, `order.paid.buyer:${second!.id}`));
    await drainOutbox(connection.db, deliver);
    const [notice, ...more] = bot.messages(seller.telegramId);
    expect(more).toEqual([]);
    expect(notice?.text).toContain(`New order #${first!.shopNumber}`);
    expect(await statusOf(paid)).toEqual(["sent", "pending"]);
  });

  it("stays within Telegram's 4096 characters, always listing the order that sends it", () => {
    const base = orderRow({ sellerId: "s", productId: "p", checkoutKey: "k" });
    const order = (n: number) =>
      ({
        ...base,
        id: `o${n}`,
        shopNumber: n,
        productTitle: "A very long product title ".repeat(6),
      }) as Order;
    const waiting = Array.from({ length: 49 }, (_, i) => order(i + 1));
    const own = order(1000);
    const { text, listed } = sellerDigest(own, waiting, "en", "https://shop.example.com/orders");
    expect(visibleLength(text)).toBeLessThanOrEqual(4096);
    expect(listed.length).toBeLessThan(50);
    expect(listed).toContain(own);
    expect(text).toContain(`${listed.length} new paid orders`);
  });
});
