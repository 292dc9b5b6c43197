import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseConnection } from "@/db/client";
import { migrateWithLock } from "@/db/migrate";
import { inbox } from "@/db/schema/inbox";
import { connectTestDatabase, migratedTestDatabaseUrl } from "@/test/database";
import { receive } from "./inbox";

// receive() is plain SQL: on PostgreSQL, and on the embedded PGlite the sandbox runs on.
const databases: Record<string, () => Promise<DatabaseConnection>> = {
  PostgreSQL: async () => connectTestDatabase(await migratedTestDatabaseUrl("inbox_receive")),
  PGlite: async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "promo-pglite-"));
    const embedded = await connectDatabase({ dataDir: dir });
    await migrateWithLock(embedded);
    return {
      ...embedded,
      close: () => embedded.close().finally(() => rmSync(dir, { recursive: true, force: true })),
    };
  },
};

describe.each(Object.entries(databases))("receive on %s", (_name, open) => {
  let connection: DatabaseConnection;
  beforeAll(async () => {
    connection = await open();
  });
  afterAll(() => connection.close());
  beforeEach(async () => {
    await connection.db.delete(inbox).where(sql`true`);
  });

  const rowOf = async (externalId: string) =>
    (await connection.db.select().from(inbox).where(eq(inbox.externalId, externalId)))[0]!;

  it("stores the item with its key and priority, once however often it comes", async () => {
    const item = {
      source: "telegram" as const,
      externalId: "41",
      orderingKey: "chat:7",
      priority: 1,
      payload: { update_id: 41, message: { text: "hi" } },
    };
    expect(await receive(connection.db, item)).toBe("stored");
    expect(await receive(connection.db, item)).toBe("duplicate");
    expect(await rowOf("41")).toMatchObject({
      source: "telegram",
      orderingKey: "chat:7",
      priority: 1,
      status: "pending",
      attempts: 0,
      payload: item.payload,
    });
  });

  it("stores the JSON text a payload arrived in, read back as its parse", async () => {
    const text = '{"id":"evt_1","object":"event","data":{"object":{"name":"Zoë \\u00e9"}}}';
    const stored = await receive(connection.db, {
      source: "stripe",
      externalId: "evt_1",
      orderingKey: null,
      payload: JSON.parse(text),
      payloadJson: text,
    });
    expect(stored).toBe("stored");
    const row = await rowOf("evt_1");
    expect(row.payload).toEqual(JSON.parse(text));
    expect(row).toMatchObject({ orderingKey: null, priority: 0 });
  });

  it("stores requests that arrive together in one go, each told whether it was new", async () => {
    const item = (id: number) => ({
      source: "telegram" as const,
      externalId: String(500 + id),
      orderingKey: `chat:${id}`,
      payload: { update_id: 500 + id },
    });
    expect(await receive(connection.db, item(0))).toBe("stored");
    // A flood: 30 new updates, one delivered before (above) and one delivered twice at once.
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => receive(connection.db, item(i + 1))),
      receive(connection.db, item(0)),
      receive(connection.db, item(40)),
      receive(connection.db, item(40)),
    ]);
    expect(answers.slice(0, 30)).toEqual(Array(30).fill("stored"));
    expect(answers.slice(30)).toEqual(["duplicate", "stored", "duplicate"]);
    const rows = await connection.db.select().from(inbox);
    expect(rows).toHaveLength(32);
  });

  it("fails only the item the database refuses, not those stored with it", async () => {
    const good = (id: string) => ({
      source: "stripe" as const,
      externalId: id,
      orderingKey: null,
      payload: { id },
    });
    // JSON text cut short, which jsonb cannot parse. (A NUL, \u0000, was the example until
    // intake learned to store it as U+FFFD: lib/platform/storable-text.ts.)
    const refused = { ...good("evt_cut"), payloadJson: '{"id":"evt_cut","x":' };
    const answers = await Promise.allSettled([
      receive(connection.db, good("evt_a")),
      receive(connection.db, refused),
      receive(connection.db, good("evt_b")),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await rowOf("evt_a")).toMatchObject({ status: "pending" });
    expect(await rowOf("evt_b")).toMatchObject({ status: "pending" });
  });

  it("keeps the same id from different senders apart", async () => {
    const payload = { id: "1" };
    const base = { externalId: "1", orderingKey: null, payload };
    expect(await receive(connection.db, { ...base, source: "telegram" })).toBe("stored");
    expect(await receive(connection.db, { ...base, source: "stripe" })).toBe("stored");
  });
});
