import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { inbox } from "@/db/schema/inbox";
import { users, type User } from "@/db/schema/users";
import { migratedTestDatabase } from "@/test/database";
import { reportApiError } from "@/lib/platform/report-api-errors";
import { settleMonitorWrites } from "@/lib/platform/monitor-events";
import { monitoringOverview } from "./monitoring-overview";
import { enqueue } from "@/lib/jobs/outbox";
import { withLogFields } from "@/lib/platform/request-context";
import { reportWebhookResult } from "@/lib/platform/webhook-results";

let connection: DatabaseConnection;
let admin: User;
let seller: User;

beforeAll(async () => {
  connection = await migratedTestDatabase("monitoring");
  [admin, seller] = (await connection.db
    .insert(users)
    .values([
      { telegramId: 870_001, name: "Ada", role: "admin" },
      { telegramId: 870_002, name: "Sam", role: "seller" },
    ])
    .returning()) as [User, User];
});
afterAll(() => connection.close());

describe("the Monitoring page's figures", () => {
  it("are for admins only", async () => {
    await expect(monitoringOverview(connection.db, seller)).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("count webhook answers and API errors over the last hour and day, and list failures", async () => {
    const db = connection.db;
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    const received = (source: string, externalId: string, receivedAt = new Date()) => ({
      source,
      externalId,
      payload: {},
      receivedAt,
    });
    await db
      .insert(inbox)
      .values([
        received("stripe", "evt_1"),
        received("stripe", "evt_2", twoHoursAgo),
        received("telegram", "1"),
        received("telegram", "2"),
        received("telegram", "3"),
      ]);
    // An update the bot gave up on: an admin has to see that a buyer went unanswered.
    await db.insert(inbox).values({
      ...received("telegram", "4"),
      status: "parked",
      attempts: 1,
      lastError: "Bad Request: message is too long",
    });
    await withLogFields({ eventId: "evt_forged" }, () =>
      reportWebhookResult(db, {
        source: "stripe",
        outcome: "rejected",
        status: 400,
        reason: "no signature",
      }),
    );
    await reportWebhookResult(db, { source: "telegram", outcome: "failed", status: 500 });
    await reportWebhookResult(db, { source: "telegram", outcome: "duplicate", status: 200 });
    reportApiError(db, { service: "telegram", method: "sendMessage", code: 502 });
    await settleMonitorWrites();
    await enqueue(db, {
      kind: "order.paid.seller",
      payload: { orderId: "o1" },
      dedupeKey: "monitoring-1",
    });

    const overview = await monitoringOverview(db, admin);
    expect(overview.webhooks.stripe).toEqual({
      ok: { hour: 1, day: 2 },
      duplicate: { hour: 0, day: 0 },
      rejected: { hour: 1, day: 1 },
      failed: { hour: 0, day: 0 },
    });
    expect(overview.webhooks.telegram.ok).toEqual({ hour: 4, day: 4 });
    expect(overview.inbox.parked).toEqual([
      expect.objectContaining({
        source: "telegram",
        externalId: "4",
        lastError: "Bad Request: message is too long",
      }),
    ]);
    expect(overview.inbox.pending).toBe(5);
    expect(overview.webhooks.telegram.failed).toEqual({ hour: 1, day: 1 });
    expect(overview.webhooks.telegram.duplicate).toEqual({ hour: 1, day: 1 });
    expect(overview.apiErrors).toEqual({
      stripe: { hour: 0, day: 0 },
      telegram: { hour: 1, day: 1 },
    });
    expect(overview.backlog.pending).toBe(1);
    expect(overview.outbox.pending).toEqual([
      expect.objectContaining({ kind: "order.paid.seller", attempts: 0 }),
    ]);
    expect(
      overview.recentFailures.map((event) => [event.kind, event.source, event.detail]),
    ).toEqual([
      ["api_error", "telegram", { method: "sendMessage", code: 502 }],
      ["webhook", "telegram", { outcome: "failed", status: 500 }],
      [
        "webhook",
        "stripe",
        { outcome: "rejected", status: 400, reason: "no signature", eventId: "evt_forged" },
      ],
    ]);
  });
});
