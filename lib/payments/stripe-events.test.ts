import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { outbox } from "@/db/schema/jobs";
import { orderEvents, orders } from "@/db/schema/orders";
import { stripeEvents } from "@/db/schema/payments";
import { migratedTestDatabase } from "@/test/database";
import { buyerDetails, createSellerWithProduct } from "@/test/fixtures";
import { placeOrder } from "@/lib/checkout/place-order";
import { handleStripeEvent } from "./stripe-events";
import { expireStaleCheckouts } from "@/lib/checkout/expire-stale-checkouts";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("payments");
});
afterAll(() => connection.close());

let sequence = 0;
function event(type: string, object: Record<string, unknown>): Stripe.Event {
  sequence += 1;
  return {
    id: `evt_test_${sequence}_${Math.random().toString(36).slice(2)}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    api_version: "2025-01-01",
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  } as unknown as Stripe.Event;
}

async function pendingOrder(stock = 3) {
  const { product } = await createSellerWithProduct(connection.db, { stock });
  const order = await placeOrder(connection.db, {
    productId: product.id,
    quantity: 1,
    buyerTelegramId: 777,
    buyerLanguage: "en",
    details: buyerDetails,
    checkoutKey: `pay-${Math.random()}`,
  });
  const sessionId = `cs_test_${order.id.slice(0, 8)}`;
  await connection.db
    .update(orders)
    .set({ stripeCheckoutSessionId: sessionId })
    .where(eq(orders.id, order.id));
  const session = (extra: Record<string, unknown> = {}) => ({
    id: sessionId,
    object: "checkout.session",
    client_reference_id: order.id,
    metadata: { order_id: order.id },
    payment_status: "paid",
    payment_intent: `pi_${order.id.slice(0, 8)}`,
    amount_total: order.totalAmountMinor,
    currency: "eur",
    ...extra,
  });
  return { order, product, session };
}

const read = {
  order: (id: string) => connection.db.query.orders.findFirst({ where: eq(orders.id, id) }),
  stock: async (id: string) =>
    (await connection.db.query.products.findFirst({ where: eq(products.id, id) }))?.stock,
  events: (id: string) =>
    connection.db.select().from(orderEvents).where(eq(orderEvents.orderId, id)),
};

async function outboxKinds(orderId: string) {
  const rows = await connection.db.select().from(outbox);
  return rows
    .filter((row) => (row.payload as { orderId: string }).orderId === orderId)
    .map((row) => row.kind)
    .sort();
}

describe("Stripe events", () => {
  it("marks the order paid once and queues both notifications", async () => {
    const { order, session } = await pendingOrder();
    const completed = event("checkout.session.completed", session());
    expect(await handleStripeEvent(connection.db, completed)).toBe("processed");
    expect(await read.order(order.id)).toMatchObject({
      status: "paid",
      stripePaymentIntentId: session().payment_intent,
    });
    expect(await outboxKinds(order.id)).toEqual([
      "invoice.create",
      "order.paid.buyer",
      "order.paid.seller",
    ]);

    // Redelivered, and delivered again under another id (async_payment_succeeded): no change.
    expect(await handleStripeEvent(connection.db, completed)).toBe("duplicate");
    const again = event("checkout.session.async_payment_succeeded", session());
    expect(await handleStripeEvent(connection.db, again)).toBe("processed");
    expect(await outboxKinds(order.id)).toEqual([
      "invoice.create",
      "order.paid.buyer",
      "order.paid.seller",
    ]);
    const timeline = await read.events(order.id);
    expect(timeline.map((e) => e.toStatus)).toEqual(["pending_payment", "paid"]);
  });

  it("handles the same event delivered many times at once as one", async () => {
    const { order, session } = await pendingOrder();
    const completed = event("checkout.session.completed", session());
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => handleStripeEvent(connection.db, completed)),
    );
    expect(outcomes.filter((o) => o === "processed")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(4);
    expect(await outboxKinds(order.id)).toEqual([
      "invoice.create",
      "order.paid.buyer",
      "order.paid.seller",
    ]);
  });

  it("waits for a delayed payment method before marking paid", async () => {
    const { order, session } = await pendingOrder();
    const unpaid = event("checkout.session.completed", session({ payment_status: "unpaid" }));
    await handleStripeEvent(connection.db, unpaid);
    expect((await read.order(order.id))?.status).toBe("pending_payment");
    await handleStripeEvent(
      connection.db,
      event("checkout.session.async_payment_succeeded", session()),
    );
    expect((await read.order(order.id))?.status).toBe("paid");
  });

  it("expires an unpaid checkout, gives the stock back and offers a new link", async () => {
    const { order, product, session } = await pendingOrder(3);
    expect(await read.stock(product.id)).toBe(2);
    await handleStripeEvent(
      connection.db,
      event("checkout.session.expired", session({ status: "expired", payment_status: "unpaid" })),
    );
    expect((await read.order(order.id))?.status).toBe("expired");
    expect(await read.stock(product.id)).toBe(3);
    expect(await outboxKinds(order.id)).toEqual(["order.expired.buyer"]);
  });

  it("ignores an expiry that arrives after the payment (out of order)", async () => {
    const { order, product, session } = await pendingOrder(3);
    await handleStripeEvent(connection.db, event("checkout.session.completed", session()));
    await handleStripeEvent(connection.db, event("checkout.session.expired", session()));
    expect((await read.order(order.id))?.status).toBe("paid");
    expect(await read.stock(product.id)).toBe(2);
  });

  it("releases stock when a delayed payment fails", async () => {
    const { order, product, session } = await pendingOrder(1);
    await handleStripeEvent(
      connection.db,
      event("checkout.session.async_payment_failed", session()),
    );
    expect((await read.order(order.id))?.status).toBe("payment_failed");
    expect(await read.stock(product.id)).toBe(1);
    expect(await outboxKinds(order.id)).toEqual(["order.payment_failed.buyer"]);
  });

  it("maps a refund back to its order through the PaymentIntent's metadata", async () => {
    const { order, session } = await pendingOrder();
    await handleStripeEvent(connection.db, event("checkout.session.completed", session()));
    const charge = {
      id: "ch_1",
      object: "charge",
      refunded: true,
      amount_refunded: 1290,
      payment_intent: session().payment_intent,
      metadata: { order_id: order.id },
    };
    expect(await handleStripeEvent(connection.db, event("charge.refunded", charge))).toBe(
      "processed",
    );
    expect((await read.order(order.id))?.status).toBe("refunded");
    expect(await outboxKinds(order.id)).toContain("order.refunded.buyer");
  });

  it("acknowledges event types it does not handle without recording anything", async () => {
    expect(await handleStripeEvent(connection.db, event("customer.created", { id: "cus_1" }))).toBe(
      "ignored",
    );
  });

  it("acknowledges another integration's session on the same Stripe account instead of failing", async () => {
    // Not one of our order ids (not even a uuid): retrying would never help, so no 5xx.
    const foreign = event("checkout.session.completed", {
      id: "cs_test_foreign",
      object: "checkout.session",
      client_reference_id: "cart-17",
      metadata: {},
      payment_status: "paid",
    });
    expect(await handleStripeEvent(connection.db, foreign)).toBe("processed");
  });

  it("leaves neither the event id nor any effect behind when the database fails", async () => {
    const { order, session } = await pendingOrder();
    const completed = event("checkout.session.completed", session());
    // The timeline insert, the last write of the effect, fails as a full disk would.
    await connection.db.execute(sql`
      create function fail_order_events() returns trigger language plpgsql
        as $$ begin raise exception 'disk full'; end $$;
      create trigger fail_order_events before insert on order_events
        for each row execute function fail_order_events();
    `);
    try {
      await expect(handleStripeEvent(connection.db, completed)).rejects.toThrow();
    } finally {
      await connection.db.execute(sql`
        drop trigger fail_order_events on order_events; drop function fail_order_events();
      `);
    }
    expect((await read.order(order.id))?.status).toBe("pending_payment");
    const recorded = await connection.db
      .select()
      .from(stripeEvents)
      .where(eq(stripeEvents.id, completed.id));
    expect(recorded).toHaveLength(0);
    // Stripe's retry, with the database healthy again, applies it exactly once.
    expect(await handleStripeEvent(connection.db, completed)).toBe("processed");
    expect((await read.order(order.id))?.status).toBe("paid");
    expect(await outboxKinds(order.id)).toEqual([
      "invoice.create",
      "order.paid.buyer",
      "order.paid.seller",
    ]);
  });
});

describe("stale checkouts", () => {
  it("expires checkouts that will never be paid and gives their stock back", async () => {
    const { order: lost, product: lostProduct } = await pendingOrder(2);
    const { order: noSession, product: noSessionProduct } = await pendingOrder(2);
    const { order: fresh } = await pendingOrder(2);
    await connection.db
      .update(orders)
      .set({ checkoutExpiresAt: new Date(Date.now() - 20 * 60_000) })
      .where(eq(orders.id, lost.id));
    await connection.db
      .update(orders)
      .set({ stripeCheckoutSessionId: null, updatedAt: new Date(Date.now() - 2 * 3600_000) })
      .where(eq(orders.id, noSession.id));
    await connection.db
      .update(orders)
      .set({ checkoutExpiresAt: new Date(Date.now() + 20 * 60_000) })
      .where(eq(orders.id, fresh.id));

    expect(await expireStaleCheckouts(connection.db)).toBe(2);
    expect((await read.order(lost.id))?.status).toBe("expired");
    expect((await read.order(noSession.id))?.status).toBe("expired");
    expect((await read.order(fresh.id))?.status).toBe("pending_payment");
    expect(await read.stock(lostProduct.id)).toBe(2);
    expect(await read.stock(noSessionProduct.id)).toBe(2);
    expect(await outboxKinds(lost.id)).toEqual(["order.expired.buyer"]);
    expect(await expireStaleCheckouts(connection.db)).toBe(0);
  });
});
