import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { products } from "@/db/schema/catalog";
import { orders } from "@/db/schema/orders";
import { createSellerWithProduct } from "@/test/fixtures";
import { payUrl, startJourney, type Journey } from "@/test/journey-harness";
import type { SimUser } from "@/sandbox/telegram/types";

// A Confirm whose Checkout Session call failed is tapped again, seconds or minutes later. Stripe
// keeps the first answer an idempotency key got and refuses the key with other parameters, so
// what the retry sends decides whether the buyer ever gets a link.

/** A Checkout Session request as it left the app, and what Stripe answered. */
interface SentCheckout {
  key: string | null;
  body: string;
  status: number;
  replayed: boolean;
}

let journey: Journey;
let sent: SentCheckout[] = [];
/** While set, a proxy on the way loses Stripe's answers: Stripe did the work, the app never hears. */
let loseAnswers = false;

beforeAll(async () => {
  journey = await startJourney("checkout_retries");
  journey.routeStripeThrough(async (request, stripe) => {
    if (request.method !== "POST" || new URL(request.url).pathname !== "/v1/checkout/sessions") {
      return stripe(request);
    }
    const body = await request.clone().text();
    const response = await stripe(request);
    sent.push({
      key: request.headers.get("idempotency-key"),
      body,
      status: response.status,
      replayed: response.headers.get("idempotent-replayed") === "true",
    });
    return loseAnswers ? new Response("Bad Gateway", { status: 502 }) : response;
  });
});
afterAll(() => journey.stop());
afterEach(() => {
  vi.useRealTimers();
  sent = [];
  loseAnswers = false;
});

let nextBuyer = 940_000;
const newBuyer = (): SimUser => ({ id: ++nextBuyer, first_name: "Ada", language_code: "en" });

/** The dialog up to the order summary, whose Confirm the tests tap. */
async function fillOrder(buyer: SimUser, product: { id: string; deepLinkPayload: string }) {
  await journey.telegram.start(buyer, product.deepLinkPayload);
  await journey.press(buyer, `buy:${product.id}`);
  if (journey.lastBotMessage(buyer.id).text?.startsWith("How many")) await journey.say(buyer, "1");
  for (const answer of [
    "Ada Lovelace",
    "Torstraße 9",
    "10119",
    "Berlin",
    "DE",
    "ada@example.com",
  ]) {
    await journey.say(buyer, answer);
  }
}

async function confirmWhileAnswersAreLost(buyer: SimUser) {
  loseAnswers = true;
  try {
    await journey.press(buyer, "dlg:confirm");
  } finally {
    loseAnswers = false;
  }
}

async function orderOf(buyer: SimUser) {
  const order = await journey.db.db.query.orders.findFirst({
    where: eq(orders.buyerTelegramId, buyer.id),
  });
  if (!order) throw new Error(`no order of ${buyer.id}`);
  return order;
}

const sessionsOf = (orderId: string) =>
  journey.stripeSim.sessions().filter((session) => session.client_reference_id === orderId);

function toldUnavailable(buyer: SimUser) {
  return journey.botTexts(buyer.id).some((text) => text.startsWith("Payment is unavailable"));
}

/** The buyer's Pay button opens this session, and paying it pays the order. */
async function expectWorkingLink(buyer: SimUser, sessionId: string) {
  const session = journey.stripeSim.sessions().find((candidate) => candidate.id === sessionId);
  expect(payUrl(journey.lastBotMessage(buyer.id))).toBe(session?.url);
  expect((await journey.stripeSim.pay(sessionId)).outcome).toBe("paid");
  expect((await orderOf(buyer)).status).toBe("paid");
}

const minutes = (n: number) => n * 60_000;

describe("a Confirm retried after Stripe's answer was lost", () => {
  it("sends the same key with the same parameters, and gets the session Stripe made", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await fillOrder(buyer, product);
    await confirmWhileAnswersAreLost(buyer);
    expect(toldUnavailable(buyer)).toBe(true);
    const order = await orderOf(buyer);
    expect(order.stripeCheckoutUrl).toBeNull();
    expect(sessionsOf(order.id)).toHaveLength(1);

    // Expiry times are whole seconds: a retry in another second must not change them.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await journey.press(buyer, "dlg:confirm");
    expect(new Set(sent.map((request) => request.key))).toEqual(
      new Set([`checkout-${order.id}-1`]),
    );
    expect(new Set(sent.map((request) => request.body)).size).toBe(1);
    expect(sent.at(-1)).toMatchObject({ status: 200, replayed: true });
    const [session] = sessionsOf(order.id);
    expect(sessionsOf(order.id)).toHaveLength(1);
    await expectWorkingLink(buyer, session!.id);
  });

  it("still sends what the first try sent minutes later, after the product was renamed", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await fillOrder(buyer, product);
    await confirmWhileAnswersAreLost(buyer);
    await journey.db.db
      .update(products)
      .set({ title: "Espresso Blend 500 g" })
      .where(eq(products.id, product.id));

    // Only the clock is faked; the app and both simulators read the same one.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + minutes(5) });
    await journey.press(buyer, "dlg:confirm");
    const order = await orderOf(buyer);
    expect(new Set(sent.map((request) => request.key)).size).toBe(1);
    expect(new Set(sent.map((request) => request.body)).size).toBe(1);
    expect(sent.at(-1)).toMatchObject({ status: 200, replayed: true });
    const [session] = sessionsOf(order.id);
    expect(sessionsOf(order.id)).toHaveLength(1);
    await expectWorkingLink(buyer, session!.id);
  });

  it("moves to a new attempt once the first one's expiry is too close for Stripe", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await fillOrder(buyer, product);
    await confirmWhileAnswersAreLost(buyer);

    // Stripe wants expires_at at least 30 minutes ahead; the first attempt has 25 left.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + minutes(20) });
    await journey.press(buyer, "dlg:confirm");
    const order = await orderOf(buyer);
    expect(order.checkoutAttempt).toBe(2);
    expect(sent.at(-1)).toMatchObject({ key: `checkout-${order.id}-2`, status: 200 });
    await expectWorkingLink(buyer, order.stripeCheckoutSessionId!);
  });
});

describe("a Confirm whose key Stripe will not take again", () => {
  it("after a 500 Stripe keeps for the key, tries a new attempt and brings a link", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await fillOrder(buyer, product);
    journey.stripeSim.failNext("POST /v1/checkout/sessions");
    await journey.press(buyer, "dlg:confirm");
    expect(toldUnavailable(buyer)).toBe(true);

    await journey.press(buyer, "dlg:confirm");
    const order = await orderOf(buyer);
    expect(sent.map((request) => [request.key, request.status])).toEqual([
      [`checkout-${order.id}-1`, 500],
      [`checkout-${order.id}-2`, 200],
    ]);
    await expectWorkingLink(buyer, order.stripeCheckoutSessionId!);
  });

  it("after idempotency_error, tries a new attempt and brings a link", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    const buyer = newBuyer();
    await fillOrder(buyer, product);
    await confirmWhileAnswersAreLost(buyer);
    // The shop moves to a new address between the taps: its result pages now differ from the
    // parameters the first try was made with.
    await journey.restartBot(undefined, "https://shop-moved.example.com");
    try {
      await journey.press(buyer, "dlg:confirm");
      const order = await orderOf(buyer);
      expect(sent.at(-1)).toMatchObject({ key: `checkout-${order.id}-1`, status: 400 });
      expect(journey.botTexts(buyer.id).at(-2)).toMatch(/^Payment is unavailable/);

      await journey.press(buyer, "dlg:confirm");
      const renewed = await orderOf(buyer);
      expect(sent.at(-1)).toMatchObject({ key: `checkout-${order.id}-2`, status: 200 });
      await expectWorkingLink(buyer, renewed.stripeCheckoutSessionId!);
    } finally {
      await journey.restartBot();
    }
  });
});
