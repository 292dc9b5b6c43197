import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { inbox } from "@/db/schema/inbox";
import { outbox } from "@/db/schema/jobs";
import { orderEvents, orders } from "@/db/schema/orders";
import { checkoutSessions, stripeEvents } from "@/db/schema/payments";
import { issueInvoiceJob } from "@/lib/invoices/issue-invoice";
import { claimNext, receive } from "@/lib/jobs/inbox";
import { LEASE_SECONDS, processInboxRow } from "@/lib/jobs/inbox-worker";
import { orderPaidBuyerNotice } from "@/lib/orders/buyer-notices";
import { orderPaidSellerNotice } from "@/lib/orders/seller-notices";
import { connectTestDatabase, migratedTestDatabaseUrl } from "@/test/database";
import { createSellerWithProduct, orderRow } from "@/test/fixtures";
import { stripeInboxHandler } from "./stripe-inbox";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await connectTestDatabase(await migratedTestDatabaseUrl("stripe_inbox"));
});
afterAll(() => connection.close());
beforeEach(async () => {
  await connection.db.delete(inbox).where(sql`true`);
});

let n = 0;
async function pendingOrder({ ownSessionOnOrder = true } = {}) {
  const db = connection.db;
  const { seller, product } = await createSellerWithProduct(db);
  n += 1;
  const sessionId = `cs_inbox_${n}_${Date.now()}`;
  const [order] = await db
    .insert(orders)
    .values(
      orderRow(
        { sellerId: seller.id, productId: product.id, checkoutKey: `inbox-${n}-${Date.now()}` },
        {
          status: "pending_payment",
          stripeCheckoutSessionId: ownSessionOnOrder ? sessionId : `cs_newer_${n}_${Date.now()}`,
        },
      ),
    )
    .returning();
  await db.insert(checkoutSessions).values({ id: sessionId, orderId: order!.id, attempt: 1 });
  return { order: order!, sessionId };
}

function paidEvent(orderId: string, sessionId: string, money = { amount: 1290, currency: "eur" }) {
  return {
    id: `evt_${sessionId}_${money.amount}`,
    object: "event",
    type: "checkout.session.completed",
    data: {
      object: {
        id: sessionId,
        object: "checkout.session",
        payment_status: "paid",
        payment_intent: `pi_${sessionId}`,
        amount_total: money.amount,
        currency: money.currency,
        client_reference_id: orderId,
        metadata: { order_id: orderId },
      },
    },
  } as unknown as Stripe.Event;
}

async function processEvent(event: Stripe.Event) {
  const db = connection.db;
  await receive(db, {
    source: "stripe",
    externalId: event.id,
    orderingKey: `pi:${event.id}`,
    payload: event,
  });
  const row = (await claimNext(db, LEASE_SECONDS))!;
  const outcome = await processInboxRow(db, { stripe: stripeInboxHandler(db) }, row);
  const [after] = await db.select().from(inbox).where(eq(inbox.id, row.id));
  return { outcome, row: after! };
}

const orderOf = async (id: string) =>
  (await connection.db.select().from(orders).where(eq(orders.id, id)))[0]!;

describe("a payment as expected, applied in one statement with its inbox row", () => {
  it("pays the order with its timeline, event id and three jobs, and marks the row done", async () => {
    const { order, sessionId } = await pendingOrder();
    const event = paidEvent(order.id, sessionId);
    const { outcome, row } = await processEvent(event);

    expect(row.lastError).toBeNull();
    expect(outcome).toBe("done");
    expect(row.status).toBe("done");
    expect(row.doneAt).not.toBeNull();
    const paid = await orderOf(order.id);
    expect(paid.status).toBe("paid");
    expect(paid.paidAt).not.toBeNull();
    expect(paid.stripePaymentIntentId).toBe(`pi_${sessionId}`);
    const timeline = await connection.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id));
    expect(timeline).toMatchObject([
      { fromStatus: "pending_payment", toStatus: "paid", actorKind: "stripe", note: null },
    ]);
    const jobs = await connection.db
      .select()
      .from(outbox)
      .where(eq(outbox.orderingKey, `order:${order.id}`))
      .orderBy(outbox.id);
    expect(jobs.map((job) => job.kind)).toEqual([
      orderPaidBuyerNotice.kind,
      orderPaidSellerNotice.kind,
      issueInvoiceJob.kind,
    ]);
    const recorded = await connection.db
      .select()
      .from(stripeEvents)
      .where(eq(stripeEvents.id, event.id));
    expect(recorded).toHaveLength(1);
  });

  it("pays through an earlier session of the order, kept in checkout_sessions", async () => {
    const { order, sessionId } = await pendingOrder({ ownSessionOnOrder: false });
    await processEvent(paidEvent(order.id, sessionId));
    expect((await orderOf(order.id)).status).toBe("paid");
  });

  it("leaves another amount to the full path, which flags it and pays nothing", async () => {
    const { order, sessionId } = await pendingOrder();
    const { outcome, row } = await processEvent(
      paidEvent(order.id, sessionId, { amount: 50, currency: "usd" }),
    );
    expect([outcome, row.status]).toEqual(["done", "done"]);
    expect((await orderOf(order.id)).status).toBe("pending_payment");
  });

  it("applies an event processed again after a crash (row still pending) once", async () => {
    const { order, sessionId } = await pendingOrder();
    const event = paidEvent(order.id, sessionId);
    await processEvent(event);
    // The row's effect committed; as if its copy had died before the row was marked done.
    await connection.db.delete(inbox).where(sql`true`);
    const { outcome } = await processEvent(event);
    expect(outcome).toBe("done");
    const timeline = await connection.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id));
    expect(timeline).toHaveLength(1);
  });

  it("changes nothing for an attempt whose lease another copy took over", async () => {
    const { order, sessionId } = await pendingOrder();
    const event = paidEvent(order.id, sessionId);
    await receive(connection.db, {
      source: "stripe",
      externalId: event.id,
      orderingKey: null,
      payload: event,
    });
    const stale = (await claimNext(connection.db, LEASE_SECONDS))!;
    // Another copy took the row over (its attempt is the next one) before this one ran.
    await connection.db
      .update(inbox)
      .set({ attempts: stale.attempts + 1 })
      .where(eq(inbox.id, stale.id));
    await processInboxRow(connection.db, { stripe: stripeInboxHandler(connection.db) }, stale);
    const [row] = await connection.db.select().from(inbox).where(eq(inbox.id, stale.id));
    // The payment is applied (the event id keeps it once); the row is the other copy's to settle.
    expect(row!.status).toBe("pending");
    expect((await orderOf(order.id)).status).toBe("paid");
  });
});
