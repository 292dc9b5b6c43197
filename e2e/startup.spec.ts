import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { mainPort } from "./ports";
import { startStandaloneApp } from "./standalone-app";

interface Run {
  code: number | null;
  output: string;
  /** The "database ready" log line, if the app got that far. */
  ready?: { driver: string; applied: number };
}

/**
 * Starts the standalone bundle (as `npm start` and the container do) with the given settings
 * and waits until it exits or logs that its database is ready; then stops it.
 */
function startBundle(env: Record<string, string>, port: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/start-standalone.mjs"], {
      env: { ...process.env, DATABASE_URL: "", PORT: String(port), HOSTNAME: "127.0.0.1", ...env },
    });
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const line = output.split("\n").find((l) => l.includes('"database ready"'));
      if (line) child.kill("SIGTERM");
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const line = output.split("\n").find((l) => l.includes('"database ready"'));
      resolve({ code, output, ready: line ? JSON.parse(line) : undefined });
    });
  });
}

test.use({ locale: "en-US" });

test("an invalid setting stops the app at start with a message naming it", async () => {
  const run = await startBundle({ DATABASE_URL: "not-a-url", LOG_LEVEL: "chatty" }, mainPort + 100);
  expect(run.code).not.toBe(0);
  expect(run.output).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
  expect(run.output).toContain("LOG_LEVEL:");
  expect(run.ready).toBeUndefined();
});

test("the embedded database survives a restart", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "promo-restart-"));
  const first = await startBundle({ DATA_DIR: dataDir }, mainPort + 101);
  expect(first.ready).toMatchObject({ driver: "pglite" });
  expect(first.ready?.applied).toBeGreaterThan(0);

  // Same data directory: the schema (and anything in it) is still there.
  const second = await startBundle({ DATA_DIR: dataDir }, mainPort + 102);
  expect(second.ready).toMatchObject({ driver: "pglite", applied: 0 });
});

test("a second app on the same data folder exits at once naming the first, which keeps its shop", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "promo-two-apps-"));
  const title = "Single-origin filter coffee, 1 kg";
  let first = await startStandaloneApp(mainPort + 103, { DATA_DIR: dataDir });
  try {
    await logInAndOpenProducts(page, first.url);
    await page.getByRole("link", { name: "New product" }).click();
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Price").fill("31.50");
    await page.getByRole("button", { name: "Save product" }).click();
    await expect(page.getByRole("row", { name: new RegExp(title) })).toBeVisible();
    const shop = await productRows(page);

    const startedAt = Date.now();
    const second = await startBundle({ DATA_DIR: dataDir }, mainPort + 104);
    test.info().annotations.push({
      type: "second start refused after",
      description: `${Date.now() - startedAt} ms`,
    });
    expect(second.code).toBe(1);
    expect(second.ready).toBeUndefined();
    expect(second.output).toContain(
      `The embedded database in ${path.join(dataDir, "pglite")} is already open in process ${first.pid} (`,
    );
    expect(second.output).toContain("Stop that process first");
    // A message for the person who started it, not a stack trace.
    expect(second.output).not.toMatch(/^\s+at /m);

    // The first app goes on serving the same shop.
    await page.reload();
    expect(await productRows(page)).toEqual(shop);
    await first.stop();

    // Nothing the second did on its way out changed the folder: the shop is all there after a
    // restart, which the first app's lock no longer blocks.
    first = await startStandaloneApp(mainPort + 103, { DATA_DIR: dataDir });
    await page.context().clearCookies();
    await logInAndOpenProducts(page, first.url);
    expect(await productRows(page)).toEqual(shop);
  } finally {
    await first.stop();
  }
});

async function logInAndOpenProducts(page: Page, url: string) {
  await page.goto(`${url}/login`);
  await page.getByRole("button", { name: /test seller|Test-Verkäufer/ }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto(`${url}/products`);
  await expect(page.getByRole("link", { name: "New product" })).toBeVisible();
}

/** The products table, a line per product (title, price, stock…), as the seller reads it. */
async function productRows(page: Page): Promise<string[]> {
  await expect(page.locator("tbody tr").first()).toBeVisible();
  return (await page.locator("tbody tr").allInnerTexts()).map((row) => row.replace(/\s+/g, " "));
}
