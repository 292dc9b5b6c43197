import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { lockPgliteFolder } from "@/db/pglite-lock";

function reset(dataDir: string, extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/sandbox-reset.ts"], {
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, LOG_LEVEL: "silent", ...extra },
    encoding: "utf8",
  });
}

function demoShopFolder() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "promo-reset-"));
  mkdirSync(path.join(dataDir, "pglite"));
  mkdirSync(path.join(dataDir, "uploads"));
  writeFileSync(path.join(dataDir, "uploads", "photo.jpg"), "demo");
  return dataDir;
}

it("`npm run sandbox:reset` refuses while the app holds the demo shop, then deletes it", async () => {
  const dataDir = demoShopFolder();
  const held = await lockPgliteFolder(path.join(dataDir, "pglite"));
  try {
    const refused = reset(dataDir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(String(process.pid));
    expect(existsSync(path.join(dataDir, "uploads", "photo.jpg"))).toBe(true);
  } finally {
    await held.release();
  }

  const done = reset(dataDir);
  expect(done.status).toBe(0);
  expect(done.stdout).toContain("the next start creates the demo shop afresh");
  expect(existsSync(dataDir)).toBe(false);
});

it("leaves a PostgreSQL server's data alone", () => {
  const dataDir = demoShopFolder();
  const refused = reset(dataDir, { DATABASE_URL: "postgres://shop@127.0.0.1:1/shop" });
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain("DATABASE_URL is set");
  expect(existsSync(path.join(dataDir, "pglite"))).toBe(true);
});
