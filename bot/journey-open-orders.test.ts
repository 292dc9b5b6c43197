import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products } from "@/db/schema/catalog";
import { outbox } from "@/db/schema/jobs";
import { orderEvents, orders } from "@/db/schema/orders";
import { createSellerWithProduct } from "@/test/fixtures";
import { payUrl, startJourney, type Journey } from "@/test/journey-harness";
import type { SimUser } from "@/sandbox/telegram/types";

// One buyer, one open reservation per product: a buyer who confirms again replaces their
// unpaid order instead of holding the shop's stock with several (issue 13: 3 unpaid checkouts
// in 2.8 s took all 30 units for 45 minutes).

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney("open_orders");
});
afterAll(() => journey.stop());

let nextBuyer = 960_000;
const newBuyer = (): SimUser => ({ id: ++nextBuyer, first_name: "Mia", language_code: "en" });

type Product = { id: string; deepLinkPayload: string };

/** A whole order dialog from the post's link to Pay; a returning buyer reuses their details. */
async function confirmThroughBot(buyer: SimUser, product: Product, quantity = 1) {
  await journey.telegram.start(buyer, product.deepLinkPayload);
  await journey.press(buyer, `buy:${product.id}`);
  if (journey.lastBotMessage(buyer.id).text?.startsWith("How many")) {
    await journey.say(buyer, String(quantity));
  }
  if (journey.lastBotMessage(buyer.id).text?.startsWith("Ship to the same details")) {
    await journey.press(buyer, "dlg:prev:yes");
  } else {
    for (const answer of ["Mia Maier", "Ring 3", "10115", "Berlin", "DE", "mia@example.com"]) {
      await journey.say(buyer, answer);
    }
  }
  await journey.press(buyer, "dlg:confirm");
  const url = payUrl(journey.lastBotMessage(buyer.id));
  const session = journey.stripeSim.sessions().find((candidate) => candidate.url === url);
  if (!session) throw new Error(`no Checkout Session behind ${url}`);
  return session;
}

/**
 * The outbox's turn (the expiries of replaced sessions among its jobs), and Stripe's webhooks
 * about what that expired: a test goes on when nothing is still on its way.
 */
async function runJobs() {
  await journey.drainOutbox();
  await journey.stripeSim.settled();
}

const ordersOf = (buyer: SimUser) =>
  journey.db.db
    .select()
    .from(orders)
    .where(eq(orders.buyerTelegramId, buyer.id))
    .orderBy(orders.number);

async function stockOf(productId: string) {
  const [row] = await journey.db.db
    .select({ stock: products.stock })
    .from(products)
    .where(eq(products.id, productId));
  return row?.stock;
}

const sessionStatus = (id: string) =>
  journey.stripeSim.sessions().find((session) => session.id === id)?.status;

const reservedMessages = (buyer: SimUser) =>
  journey.botTexts(buyer.id).filter((text) => text.includes("is reserved for you"));

describe("a buyer who confirms again", () => {
  it("holds one reservation: the older ones expire, at Stripe too, and the rest stays for others", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 30 });
    const hoarder = newBuyer();
    const sessions = [];
    for (let i = 0; i < 3; i++) sessions.push(await confirmThroughBot(hoarder, product, 10));
    await runJobs();

    expect((await ordersOf(hoarder)).map((order) => order.status)).toEqual([
      "expired",
      "expired",
      "pending_payment",
    ]);
    expect(await stockOf(product.id)).toBe(20);
    // The old messages' Pay buttons lead to an expired checkout; only the newest can be paid.
    expect(sessions.map((session) => sessionStatus(session.id))).toEqual([
      "expired",
      "expired",
      "open",
    ]);
    expect((await journey.stripeSim.pay(sessions[0]!.id)).outcome).toBe("not_open");
    // So only the newest message still offers a Pay button.
    const payMessages = journey.telegram
      .messages(hoarder.id)
      .filter((message) => message.text?.includes("is reserved for you"));
    expect(payMessages.map((message) => Boolean(message.reply_markup))).toEqual([
      false,
      false,
      true,
    ]);

    const other = newBuyer();
    await confirmThroughBot(other, product, 10);
    expect(reservedMessages(other)).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(10);
  });

  it("keeps a payment of the replaced checkout that came before Stripe closed it, once", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 30 });
    const buyer = newBuyer();
    const first = await confirmThroughBot(buyer, product);
    await confirmThroughBot(buyer, product);
    // Paid in the instant between the new Confirm and the expiry reaching Stripe.
    expect((await journey.stripeSim.pay(first.id)).outcome).toBe("paid");
    await runJobs();

    const [replaced, current] = await ordersOf(buyer);
    expect(replaced).toMatchObject({ status: "paid", stripeCheckoutSessionId: first.id });
    expect(current?.status).toBe("pending_payment");
    const timeline = await journey.db.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, replaced!.id))
      .orderBy(orderEvents.id);
    expect(timeline.map((event) => event.toStatus)).toEqual(["pending_payment", "expired", "paid"]);
    expect(timeline.at(-1)?.note).toContain("paid after its checkout had been given up");
    expect(journey.botTexts(buyer.id).filter((text) => text.includes("Payment received"))).toEqual([
      expect.stringContaining(`Order #${replaced!.shopNumber}`),
    ]);
    // Stripe would not expire a paid session; that is the end of the job, not a failure.
    const expiries = await journey.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, "checkout.session.expire")));
    expect(
      expiries
        .filter((job) => (job.payload as { sessionId: string }).sessionId === first.id)
        .map((job) => job.status),
    ).toEqual(["sent"]);
    // 30, one for the paid order and one for the open one.
    expect(await stockOf(product.id)).toBe(28);
  });

  it("replaces the open order when an expired one is given a new link", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 5 });
    const buyer = newBuyer();
    const expiring = await confirmThroughBot(buyer, product);
    await journey.stripeSim.expire(expiring.id);
    await journey.stripeSim.settled();
    await runJobs();
    const notice = journey.lastBotMessage(buyer.id);
    const later = await confirmThroughBot(buyer, product);

    const [old] = await ordersOf(buyer);
    await journey.telegram.pressButton(buyer, notice, `renew:${old!.id}`);
    await runJobs();
    expect((await ordersOf(buyer)).map((order) => order.status)).toEqual([
      "pending_payment",
      "expired",
    ]);
    expect(sessionStatus(later.id)).toBe("expired");
    expect(await stockOf(product.id)).toBe(4);
  });
});

describe("an old New payment link button tapped again and again", () => {
  it("brings one new link, however many taps arrive at once", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    const session = await confirmThroughBot(buyer, product);
    await journey.stripeSim.expire(session.id);
    await journey.stripeSim.settled();
    await runJobs();
    const notice = journey.lastBotMessage(buyer.id);
    const [order] = await ordersOf(buyer);
    const sessionsBefore = journey.stripeSim.sessions().length;

    const taps = await Promise.all(
      Array.from({ length: 10 }, () =>
        journey.telegram.pressButton(buyer, notice, `renew:${order!.id}`),
      ),
    );
    expect(taps.map((tap) => tap.status)).toEqual(Array(10).fill(200));
    expect(reservedMessages(buyer)).toHaveLength(2);
    expect(journey.stripeSim.sessions().length - sessionsBefore).toBe(1);
    expect(journey.telegram.pendingCallbackQueries()).toEqual([]);
  });
});
