import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseConnection } from "@/db/client";
import { outbox } from "@/db/schema/jobs";
import { migratedTestDatabase } from "@/test/database";
import { defineJob, type JobDeps } from "./define-job";
import { jobDispatcher } from "./dispatch-job";
import { drainOutbox, enqueue } from "./outbox";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("dispatch_job");
});
afterAll(() => connection.close());

// These jobs never touch Telegram, the store or the mail.
const deps = { publicUrl: "https://shop.example.com" } as JobDeps;

const greeted: string[] = [];
const greet = defineJob({
  kind: "test.greet",
  schema: z.object({ name: z.string().min(1) }),
  dedupeKey: ({ name }) => `test.greet:${name}`,
  async run(_tx, { name }) {
    greeted.push(name);
  },
});

async function rowOf(dedupeKey: string) {
  const [row] = await connection.db.select().from(outbox).where(eq(outbox.dedupeKey, dedupeKey));
  return row;
}

describe("the job dispatcher", () => {
  it("runs a registered job's handler with its parsed payload", async () => {
    await enqueue(connection.db, greet.of({ name: "Erika" }));
    await drainOutbox(connection.db, jobDispatcher([greet], deps));
    expect(greeted).toEqual(["Erika"]);
    expect(await rowOf("test.greet:Erika")).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("runs jobs side by side with several loops, each once", async () => {
    let running = 0;
    let most = 0;
    const ran: string[] = [];
    const slow = defineJob({
      kind: "test.slow",
      schema: z.object({ n: z.number() }),
      dedupeKey: ({ n }) => `test.slow:${n}`,
      async run(_tx, { n }) {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running -= 1;
        ran.push(String(n));
      },
    });
    await enqueue(connection.db, ...Array.from({ length: 12 }, (_, n) => slow.of({ n })));
    const result = await drainOutbox(connection.db, jobDispatcher([slow], deps), 100, 4);
    expect(result).toEqual({ sent: 12, retrying: 0, failed: 0 });
    expect(ran.toSorted()).toEqual(Array.from({ length: 12 }, (_, n) => String(n)).toSorted());
    expect(most).toBeGreaterThan(1);
  });

  it("runs one order's jobs in the order they were queued, however many loops run", async () => {
    const ran: string[] = [];
    const notice = defineJob({
      kind: "test.notice",
      schema: z.object({ orderId: z.string(), text: z.string() }),
      dedupeKey: ({ orderId, text }) => `test.notice:${orderId}:${text}`,
      async run(_tx, { orderId, text }) {
        // The first takes longest (it waited for the chat's turn, say).
        if (text === "Payment received") await new Promise((resolve) => setTimeout(resolve, 60));
        ran.push(`${orderId}: ${text}`);
      },
    });
    await enqueue(
      connection.db,
      notice.of({ orderId: "o-1", text: "Payment received" }),
      notice.of({ orderId: "o-1", text: "Your invoice" }),
      notice.of({ orderId: "o-2", text: "Payment received" }),
    );
    await drainOutbox(connection.db, jobDispatcher([notice], deps), 100, 4);
    expect(ran.filter((line) => line.startsWith("o-1"))).toEqual([
      "o-1: Payment received",
      "o-1: Your invoice",
    ]);
    expect(ran).toHaveLength(3);
  });

  it("sends the first kinds before other due jobs, and waits for none held back by its order", async () => {
    const ran: string[] = [];
    const job = (kind: string) =>
      defineJob({
        kind,
        schema: z.object({ orderId: z.string() }),
        dedupeKey: ({ orderId }) => `${kind}:${orderId}`,
        async run(_tx, { orderId }) {
          ran.push(`${kind} ${orderId}`);
        },
      });
    const paid = job("test.paid");
    const seller = job("test.seller");
    const invoice = job("test.invoice");
    // A burst as payments queue it: each order's buyer, seller and invoice jobs in turn; the
    // last order's buyer notice is queued behind one of its own jobs (its key holds it back).
    await enqueue(
      connection.db,
      paid.of({ orderId: "f-1" }),
      seller.of({ orderId: "f-1" }),
      invoice.of({ orderId: "f-1" }),
      paid.of({ orderId: "f-2" }),
      seller.of({ orderId: "f-2" }),
      invoice.of({ orderId: "f-3" }),
      paid.of({ orderId: "f-3" }),
    );
    await drainOutbox(connection.db, jobDispatcher([paid, seller, invoice], deps), 100, 1, [
      "test.paid",
    ]);
    expect(ran).toEqual([
      "test.paid f-1",
      "test.paid f-2",
      "test.seller f-1",
      "test.invoice f-1",
      "test.seller f-2",
      "test.invoice f-3",
      "test.paid f-3",
    ]);
  });

  it("queues the same job once", async () => {
    await enqueue(connection.db, greet.of({ name: "Max" }), greet.of({ name: "Max" }));
    const rows = await connection.db.select().from(outbox).where(eq(outbox.kind, "test.greet"));
    expect(rows.filter((row) => row.dedupeKey === "test.greet:Max")).toHaveLength(1);
  });

  it("retries a kind this copy does not know (a newer copy may), with the reason", async () => {
    await enqueue(connection.db, { kind: "test.unknown", payload: {}, dedupeKey: "unknown-1" });
    await drainOutbox(connection.db, jobDispatcher([greet], deps));
    expect(await rowOf("unknown-1")).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: 'no job is registered as "test.unknown"',
    });
  });

  it("parks a malformed payload as failed, naming what is wrong", async () => {
    await enqueue(connection.db, {
      kind: "test.greet",
      payload: { name: 42 },
      dedupeKey: "malformed-1",
    });
    await drainOutbox(connection.db, jobDispatcher([greet], deps));
    const row = await rowOf("malformed-1");
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row?.lastError).toMatch(/^malformed test\.greet payload: .*name/s);
  });

  it("refuses to build a payload its schema would refuse later", () => {
    expect(() => greet.of({ name: "" })).toThrow();
  });

  it("refuses two definitions of one kind", () => {
    expect(() => jobDispatcher([greet, greet], deps)).toThrow(
      'two jobs are registered as "test.greet"',
    );
  });
});
