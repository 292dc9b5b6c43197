import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { asc } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { products } from "@/db/schema/catalog";
import { createSellerWithProduct } from "@/test/fixtures";
import { connectDatabase, type DatabaseConnection } from "./client";
import { migrateWithLock } from "./migrate";
import { lockAddress, lockPgliteFolder } from "./pglite-lock";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "promo-lock-"));

/** A script of ours in a second node process on the given data folder, as an operator runs it. */
function runScript(script: string, dataDir: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script],
      { env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, LOG_LEVEL: "silent", ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error.code as number | null) ?? null) : 0, stdout, stderr }),
    );
  });
}

/** test/hold-embedded-database.ts in a second process, once it holds the folder. */
async function startHolder(dataDir: string, platform?: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/hold-embedded-database.ts", dataDir, ...(platform ? [platform] : [])],
    { env: { ...process.env, LOG_LEVEL: "silent" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  holders.push(child);
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith('{"ready"'))
      return { child, ...(JSON.parse(line) as { titles: string[] }) };
  }
  throw new Error(`the holder exited (${child.exitCode}) before holding ${dataDir}`);
}

async function killHard(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

const holders: ChildProcess[] = [];
const connections: DatabaseConnection[] = [];
afterEach(async () => {
  for (const child of holders.splice(0)) await killHard(child);
  await Promise.all(connections.splice(0).map((connection) => connection.close()));
});

async function open(dataDir: string) {
  const connection = await connectDatabase({ dataDir });
  connections.push(connection);
  return connection;
}

async function close(connection: DatabaseConnection) {
  connections.splice(connections.indexOf(connection), 1);
  await connection.close();
}

const titlesIn = async (connection: DatabaseConnection) =>
  (await connection.db.select().from(products).orderBy(asc(products.createdAt))).map(
    (product) => product.title,
  );

describe("one process per embedded database folder", () => {
  it.each([
    ["npm run db:migrate", "scripts/db-migrate.ts", {}],
    [
      "npm run reconcile",
      "scripts/reconcile.ts",
      { STRIPE_SECRET_KEY: "sk_test_lock", STRIPE_WEBHOOK_SECRET: "whsec_lock" },
    ],
  ])(
    "`%s` while the folder is open here exits 1 naming this process, and runs once it is closed",
    async (_name, script, env) => {
      const dataDir = tempDir();
      const holder = await open(dataDir);
      await migrateWithLock(holder);
      const written: string[] = [];
      for (let i = 1; i <= 10; i++) {
        written.push(
          (await createSellerWithProduct(holder.db, { title: `Blend ${i}` })).product.title,
        );
      }

      const refused = await runScript(script, dataDir, env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `The embedded database in ${path.resolve(dataDir, "pglite")} is already open in process ${process.pid}`,
      );
      expect(refused.stderr).toContain("Stop that process first");
      // Plain words for a person, not a stack trace.
      expect(refused.stderr).not.toMatch(/^\s+at /m);

      await close(holder);
      if (script === "scripts/db-migrate.ts") {
        const after = await runScript(script, dataDir, env);
        expect(after).toMatchObject({ code: 0 });
        expect(after.stdout).toContain("Applied 0 migration(s)");
      }
      expect(await titlesIn(await open(dataDir))).toEqual(written);
    },
    60_000,
  );

  it("refuses a second open within the same process too, and opens again after close()", async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    await expect(connectDatabase({ dataDir })).rejects.toThrow(
      `is already open in process ${process.pid}`,
    );
    await close(first);
    await open(dataDir);
  });

  it("a holder killed with SIGKILL frees the folder, with everything it wrote", async () => {
    const dataDir = tempDir();
    const holder = await startHolder(dataDir);

    await expect(connectDatabase({ dataDir })).rejects.toThrow(
      `is already open in process ${holder.child.pid} (`,
    );
    await killHard(holder.child);
    const next = await open(dataDir);
    expect(await titlesIn(next)).toEqual(holder.titles);
    expect(holder.titles).toHaveLength(10);
  }, 60_000);

  it("where the lock is a socket file (macOS), one left by a killed holder is taken over", async () => {
    const dataDir = tempDir();
    const folder = path.join(dataDir, "pglite");
    mkdirSync(folder, { recursive: true });
    const holder = await startHolder(dataDir, "darwin");
    await expect(lockPgliteFolder(folder, "darwin")).rejects.toThrow(
      `is already open in process ${holder.child.pid} (`,
    );

    await killHard(holder.child);
    expect(existsSync(lockAddress(folder, "darwin"))).toBe(true);
    const lock = await lockPgliteFolder(folder, "darwin");
    await lock.release();
    expect(existsSync(lockAddress(folder, "darwin"))).toBe(false);
  }, 60_000);
});
