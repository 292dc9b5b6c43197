import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { inbox } from "@/db/schema/inbox";
import { migratedTestDatabase } from "@/test/database";
import { answerStripeWebhook } from "./stripe-webhook";

const SECRET = "whsec_edges";
const stripe = new Stripe("sk_test_edges");
let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("stripe_webhook_edges");
});
afterAll(() => connection.close());

const event = (id: string, object: unknown = { id: "cs_1", object: "checkout.session" }) =>
  JSON.stringify({ id, object: "event", type: "checkout.session.expired", data: { object } });
const signed = (payload: string, timestamp = Math.floor(Date.now() / 1000)) =>
  stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp });
const post = (body: BodyInit, headers: Record<string, string>) =>
  answerStripeWebhook(
    new Request("http://app/api/stripe/webhook", {
      method: "POST",
      body,
      headers,
      duplex: "half",
    } as RequestInit),
    { db: connection.db, stripe, webhookSecret: SECRET },
  );
const stored = async (id: string) =>
  (await connection.db.select().from(inbox).where(eq(inbox.externalId, id))).length;

// A body that says whether anyone read it, and never ends on its own.
function watchedBody(chunk: Uint8Array, chunks: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      if (pulled > chunks) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return { body, pulled: () => pulled };
}

describe("the Stripe webhook at its edges", () => {
  it("refuses an unsigned request without reading its body", async () => {
    const { body, pulled } = watchedBody(new Uint8Array(64 * 1024), 1000);
    const response = await post(body, {});
    expect(response.status).toBe(400);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("refuses a body over a megabyte with 413, declared or streamed, and stops reading it", async () => {
    const declared = await post("x".repeat(10), {
      "stripe-signature": "t=1,v1=abc",
      "content-length": String(100 * 1024 * 1024),
    });
    expect(declared.status).toBe(413);
    const { body, pulled } = watchedBody(new Uint8Array(64 * 1024), 1600);
    const streamed = await post(body, { "stripe-signature": "t=1,v1=abc" });
    expect(streamed.status).toBe(413);
    expect(pulled()).toBeLessThan(40);
  });

  it("refuses a signature dated more than five minutes ahead", async () => {
    const payload = event("evt_future");
    const ahead = Math.floor(Date.now() / 1000) + 600;
    const response = await post(payload, { "stripe-signature": signed(payload, ahead) });
    expect(response.status).toBe(400);
    expect(await stored("evt_future")).toBe(0);
  });

  it("refuses a signed event without data.object, and stores a well-formed one", async () => {
    const empty = event("evt_empty", null);
    expect((await post(empty, { "stripe-signature": signed(empty) })).status).toBe(400);
    expect(await stored("evt_empty")).toBe(0);
    const good = event("evt_good");
    expect((await post(good, { "stripe-signature": signed(good) })).status).toBe(200);
    expect(await stored("evt_good")).toBe(1);
  });
});
