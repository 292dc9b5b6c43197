import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { outbox } from "@/db/schema/jobs";
import { orderEvents, orders } from "@/db/schema/orders";
import { auditLog } from "@/db/schema/platform";
import { users } from "@/db/schema/users";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createStripeSimulator } from "@/sandbox/stripe/simulator";
import { migratedTestDatabase } from "@/test/database";
import { buyerDetails, createSellerWithProduct } from "@/test/fixtures";
import { placeOrder } from "@/lib/checkout/place-order";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { handleStripeEvent } from "./stripe-events";
import { recentReconciliations, reconcileNow, reconcilePayments } from "./reconcile-payments";
import { expireStaleCheckouts } from "@/lib/checkout/expire-stale-checkouts";
import { createStripeClient } from "./stripe-client";

// Stripe with no webhook endpoint at all: every payment below is one whose webhook never
// reached the app, the case reconciliation exists for.
const simulator = createStripeSimulator({ secretKey: "sk_test_rec", webhookSecret: "whsec_rec" });
let server: ServedHandler;
let connection: DatabaseConnection;
let stripe: ReturnType<typeof createStripeClient>;

beforeAll(async () => {
  connection = await migratedTestDatabase("reconcile");
  server = await serveFetchHandler(simulator.handle);
  stripe = createStripeClient({ secretKey: "sk_test_rec", apiBase: server.url });
});
afterAll(async () => {
  await server.close();
  await connection.close();
});

async function paidWithoutWebhook(stock: number | null = 5) {
  const { product } = await createSellerWithProduct(connection.db, { stock });
  const order = await placeOrder(connection.db, {
    productId: product.id,
    quantity: 1,
    buyerTelegramId: 4242,
    buyerLanguage: "en",
    details: buyerDetails,
    checkoutKey: `rec-${Math.random()}`,
  });
  const { order: withSession } = await startCheckout(connection.db, stripe, order.id, {
    publicUrl: "https://shop.example.com",
  });
  const payment = await simulator.pay(withSession.stripeCheckoutSessionId!);
  expect(payment.outcome).toBe("paid");
  return { order: withSession, product };
}

const orderRow = async (id: string) =>
  (await connection.db.query.orders.findFirst({ where: eq(orders.id, id) }))!;

describe("reconciliation", () => {
  it("records a paid session whose webhook never came, once, and tells both sides", async () => {
    const { order } = await paidWithoutWebhook();
    expect((await orderRow(order.id)).status).toBe("pending_payment");

    const report = await reconcilePayments(connection.db, stripe);
    expect(report.repaired).toContainEqual({
      orderNumber: order.shopNumber,
      sessionId: order.stripeCheckoutSessionId,
    });
    expect((await orderRow(order.id)).status).toBe("paid");
    const jobs = (await connection.db.select().from(outbox)).filter((job) =>
      JSON.stringify(job.payload).includes(order.id),
    );
    expect(jobs.map((job) => job.kind).sort()).toEqual([
      "invoice.create",
      "order.paid.buyer",
      "order.paid.seller",
    ]);
    const [audit] = await connection.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "payments.reconciled"));
    expect(JSON.stringify(audit?.data)).toContain(order.stripeCheckoutSessionId!);

    // Running again (or in another app copy) finds nothing more to do.
    const again = await reconcilePayments(connection.db, stripe);
    expect(again.repaired).toEqual([]);
    expect(again.checked).toBeGreaterThanOrEqual(1);
    const events = await connection.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id));
    expect(events.filter((event) => event.toStatus === "paid")).toHaveLength(1);
  });

  it("pays an order the stale-checkout sweep had already given up, taking its stock again", async () => {
    const { order, product } = await paidWithoutWebhook(3);
    // Long after the session's expiry time the sweep gives the checkout up (stock back to 3).
    await connection.db
      .update(orders)
      .set({ checkoutExpiresAt: new Date(Date.now() - 60 * 60_000) })
      .where(eq(orders.id, order.id));
    expect(await expireStaleCheckouts(connection.db)).toBeGreaterThanOrEqual(1);
    expect((await orderRow(order.id)).status).toBe("expired");

    await reconcilePayments(connection.db, stripe);
    expect((await orderRow(order.id)).status).toBe("paid");
    const [left] = await connection.db
      .select({ stock: products.stock })
      .from(products)
      .where(eq(products.id, product.id));
    expect(left?.stock).toBe(2);
  });

  it("a late webhook after reconciliation changes nothing", async () => {
    const { order } = await paidWithoutWebhook();
    await reconcilePayments(connection.db, stripe);
    const session = await stripe.checkout.sessions.retrieve(order.stripeCheckoutSessionId!);
    const outcome = await handleStripeEvent(connection.db, {
      id: `evt_late_${order.id}`,
      object: "event",
      type: "checkout.session.completed",
      data: { object: session },
    } as never);
    expect(outcome).toBe("processed");
    const events = await connection.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id));
    expect(events.filter((event) => event.toStatus === "paid")).toHaveLength(1);
  });

  it("reports paid sessions that belong to no order of ours", async () => {
    await stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "https://elsewhere.example.com/ok",
      client_reference_id: "someone-elses-cart-17",
      line_items: [
        {
          quantity: 1,
          price_data: { currency: "eur", unit_amount: 500, product_data: { name: "X" } },
        },
      ],
    });
    const foreign = simulator.sessions().at(-1)!;
    await simulator.pay(foreign.id);
    const report = await reconcilePayments(connection.db, stripe);
    expect(report.unknown).toContain(foreign.id);
  });
});

describe("reconciliation on the Monitoring page", () => {
  it("is for admins: they see the repairs and may run it, sellers neither", async () => {
    const { order } = await paidWithoutWebhook();
    const { seller } = await createSellerWithProduct(connection.db);
    const [admin] = await connection.db
      .insert(users)
      .values({ telegramId: 8_800_000_001, name: "Ada", role: "admin" })
      .returning();
    await expect(reconcileNow(connection.db, stripe, seller)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(recentReconciliations(connection.db, seller)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await orderRow(order.id)).status).toBe("pending_payment");

    const report = await reconcileNow(connection.db, stripe, admin!);
    expect(report?.repaired).toContainEqual(
      expect.objectContaining({ orderNumber: order.shopNumber }),
    );
    const [latest] = await recentReconciliations(connection.db, admin!);
    expect(latest?.report.repaired).toContainEqual(
      expect.objectContaining({ orderNumber: order.shopNumber }),
    );
  });
});
