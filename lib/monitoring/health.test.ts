import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type DatabaseConnection } from "@/db/client";
import { migrateWithLock } from "@/db/migrate";
import { createTestDatabase } from "@/test/postgres-server";
import { checkHealth } from "./health";

const dataDir = mkdtempSync(path.join(tmpdir(), "promo-health-"));
const opened: DatabaseConnection[] = [];

async function open(url: string) {
  const connection = await connectDatabase({ url, dataDir });
  opened.push(connection);
  return connection;
}

afterAll(async () => {
  await Promise.all(opened.map((connection) => connection.close()));
});

describe("health", () => {
  it("is live but not ready until the migrations have run, then ready", async () => {
    const connection = await open(await createTestDatabase(inject("postgresUrl"), "health"));

    const before = await checkHealth(async () => connection);
    expect(before).toMatchObject({ live: true, ready: false, database: { ok: true } });
    expect(before.migrations.ok).toBe(false);

    await migrateWithLock(connection);
    const after = await checkHealth(async () => connection);
    expect(after).toMatchObject({
      live: true,
      ready: true,
      database: { ok: true, driver: "pg" },
      migrations: { ok: true, current: true },
    });
  });

  it("is not ready when the database cannot be reached, without leaking the password", async () => {
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    const connection = await open("postgres://shop:hunter2@127.0.0.1:1/shop");
    const health = await checkHealth(async () => connection);
    expect(health).toMatchObject({ live: true, ready: false, database: { ok: false } });
    expect(JSON.stringify(health)).not.toContain("hunter2");
  });
});
