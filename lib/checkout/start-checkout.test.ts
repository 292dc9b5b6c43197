import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { outbox } from "@/db/schema/jobs";
import { orders } from "@/db/schema/orders";
import { jobDispatcher } from "@/lib/jobs/dispatch-job";
import { expireCheckoutSessionJob } from "@/lib/payments/expire-checkout-session";
import { localObjectStorage } from "@/lib/platform/object-storage";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createStripeSimulator } from "@/sandbox/stripe/simulator";
import { migratedTestDatabase } from "@/test/database";
import { buyerDetails, createSellerWithProduct } from "@/test/fixtures";
import { createStripeClient } from "@/lib/payments/stripe-client";
import { placeOrder } from "./place-order";
import { startCheckout } from "./start-checkout";

const simulator = createStripeSimulator({ secretKey: "sk_test_start", webhookSecret: "whsec_x" });
const urls = { publicUrl: "https://shop.example.com" };
let server: ServedHandler;
let connection: DatabaseConnection;
let stripe: ReturnType<typeof createStripeClient>;

/** Runs once, after Stripe made the next session and before its answer arrives (a race). */
let whileStripeAnswers: (() => Promise<unknown>) | undefined;

beforeAll(async () => {
  connection = await migratedTestDatabase("start_checkout");
  server = await serveFetchHandler(async (request) => {
    const response = await simulator.handle(request);
    const meanwhile = whileStripeAnswers;
    whileStripeAnswers = undefined;
    await meanwhile?.();
    return response;
  });
  stripe = createStripeClient({ secretKey: "sk_test_start", apiBase: server.url });
});
afterAll(async () => {
  await server.close();
  await connection.close();
});

async function pendingOrder() {
  const { product } = await createSellerWithProduct(connection.db);
  return placeOrder(connection.db, {
    productId: product.id,
    quantity: 1,
    buyerTelegramId: 4242,
    buyerLanguage: "en",
    details: buyerDetails,
    checkoutKey: `start-${Math.random()}`,
  });
}

describe("startCheckout", () => {
  it("fixes the attempt's expiry when the order is placed and sends exactly that", async () => {
    const order = await pendingOrder();
    expect(order.checkoutExpiresAt?.getMilliseconds()).toBe(0);
    const { url } = await startCheckout(connection.db, stripe, order.id, urls);
    const session = simulator.sessions().find((candidate) => candidate.url === url);
    expect(session?.expires_at).toBe(order.checkoutExpiresAt!.getTime() / 1000);
  });

  it("gives an order from before expiries were stored a new attempt, even with two taps", async () => {
    const order = await pendingOrder();
    await connection.db
      .update(orders)
      .set({ checkoutExpiresAt: null })
      .where(eq(orders.id, order.id));
    // The release before sent the first attempt's key with an expiry of its own making.
    await stripe.checkout.sessions.create(
      {
        mode: "payment",
        success_url: "https://shop.example.com/checkout/success",
        expires_at: Math.floor(Date.now() / 1000) + 40 * 60,
        line_items: [
          {
            quantity: 1,
            price_data: { currency: "eur", unit_amount: 1290, product_data: { name: "Old" } },
          },
        ],
      },
      { idempotencyKey: `checkout-${order.id}-1` },
    );

    const [first, second] = await Promise.all([
      startCheckout(connection.db, stripe, order.id, urls),
      startCheckout(connection.db, stripe, order.id, urls),
    ]);
    expect(second.url).toBe(first.url);
    const stored = await connection.db.query.orders.findFirst({ where: eq(orders.id, order.id) });
    expect(stored).toMatchObject({ checkoutAttempt: 2, stripeCheckoutUrl: first.url });
    const sessions = simulator.sessions().filter((s) => s.client_reference_id === order.id);
    expect(sessions.map((session) => session.url)).toEqual([first.url]);
  });

  it("gives no link for an order a newer checkout replaced meanwhile, and closes its session", async () => {
    const { product } = await createSellerWithProduct(connection.db);
    const confirm = (checkoutKey: string) =>
      placeOrder(connection.db, {
        productId: product.id,
        quantity: 1,
        buyerTelegramId: 4343,
        buyerLanguage: "en",
        details: buyerDetails,
        checkoutKey,
      });
    const first = await confirm("replaced-while-at-stripe-1");
    whileStripeAnswers = () => confirm("replaced-while-at-stripe-2");

    await expect(startCheckout(connection.db, stripe, first.id, urls)).rejects.toMatchObject({
      code: "conflict",
      reason: "transition",
      details: { from: "expired" },
    });
    const [session] = simulator.sessions().filter((s) => s.client_reference_id === first.id);
    const [job] = await connection.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `checkout.session.expire:${session!.id}`));
    const deps = {
      api: new Api("0:unused"),
      storage: localObjectStorage(mkdtempSync(path.join(tmpdir(), "promo-start-checkout-"))),
      publicUrl: urls.publicUrl,
      stripe,
    };
    await jobDispatcher([expireCheckoutSessionJob], deps)(connection.db, job!);
    expect((await simulator.pay(session!.id)).outcome).toBe("not_open");
  });
});
