import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { migratedTestDatabase } from "@/test/database";
import { captureLogs } from "@/test/log-capture";
import { logger } from "@/lib/platform/logger";
import { enqueue } from "./outbox";
import { logOutboxBacklog, startOutboxWorker } from "./outbox-worker";
import { startSchedule } from "./schedule";
import { withLogFields } from "@/lib/platform/request-context";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("outbox_worker");
});
afterAll(() => connection.close());

describe("the outbox worker's minute", () => {
  it("logs the backlog for CloudWatch and runs the alert check", async () => {
    await enqueue(
      connection.db,
      { kind: "posts.refresh", payload: { productId: "p1" }, dedupeKey: "worker-test-1" },
      {
        kind: "posts.refresh",
        payload: { productId: "p2" },
        dedupeKey: "worker-test-2",
        createdAt: new Date(Date.now() - 90_000),
      },
    );
    const logs = captureLogs();
    let checked!: () => void;
    const monitorRan = new Promise<void>((resolve) => (checked = resolve));
    // A worker that cannot deliver (Telegram down): the jobs stay pending.
    const worker = startOutboxWorker(
      connection.db,
      async () => {
        throw new Error("Telegram is down");
      },
      { intervalMs: 60_000 },
    );
    // The minute's tasks as lib/scheduled-tasks.ts lists them, the alert check stubbed.
    const minute = startSchedule(
      {
        everyMs: 25,
        tasks: [
          logOutboxBacklog,
          {
            name: "alert check",
            run: async () => {
              checked();
              return false;
            },
          },
        ],
      },
      { db: connection.db },
      worker.kick,
    );
    try {
      await monitorRan;
    } finally {
      await minute.stop();
      await worker.stop();
      logs.stop();
    }
    const [backlog] = logs.events("outbox.backlog");
    expect(backlog).toMatchObject({ event: "outbox.backlog", pending: 2 });
    expect(backlog?.oldestAgeSeconds).toBeGreaterThanOrEqual(90);
  });

  it("does not pass the kicking request's ids on to the jobs it sends", async () => {
    await enqueue(connection.db, {
      kind: "posts.refresh",
      payload: { productId: "p3" },
      dedupeKey: "worker-test-3",
    });
    const logs = captureLogs();
    let delivered!: () => void;
    const done = new Promise<void>((resolve) => (delivered = resolve));
    const worker = startOutboxWorker(
      connection.db,
      async (_tx, row) => {
        logger.info({ job: row.dedupeKey }, "delivering");
        delivered();
      },
      { intervalMs: 60_000 },
    );
    try {
      // A webhook kicks the worker after queueing its own notices.
      withLogFields({ requestId: "req-webhook", sellerId: "s1" }, () => worker.kick());
      await done;
    } finally {
      await worker.stop();
      logs.stop();
    }
    const delivering = logs.entries().filter((entry) => entry.msg === "delivering");
    expect(delivering.length).toBeGreaterThanOrEqual(1);
    for (const line of delivering) {
      expect(line).toMatchObject({ outboxKind: "posts.refresh" });
      expect(line.requestId).toBeUndefined();
      expect(line.sellerId).toBeUndefined();
    }
  });
});
