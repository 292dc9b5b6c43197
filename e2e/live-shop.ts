import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestInfo } from "@playwright/test";
import { connectDatabase } from "@/db/client";
import { createSellerWithProduct } from "@/test/fixtures";
import { createTestDatabase, type PostgresServer } from "@/test/postgres-server";
import { startStandaloneApp } from "./standalone-app";
import { LIVE_BOT } from "./stand-ins/telegram-bot-api";

// Settings as a live shop has them: a real-looking bot token, a live Stripe key, a real
// PostgreSQL; only the two API addresses point at the local stand-ins.
export const WEBHOOK_SECRET = "live-check-webhook-secret-4f9a2c71d08e";
export const STRIPE_KEY = "sk_live_51LiveCheckR6aXq0yZ3bC8dE1fG4hJ7kL2mN5pQ";
export const STRIPE_WEBHOOK_SECRET = "whsec_livecheck9Xw2Yb7Zc4Ad1Be8Cf5Dg3Eh";

export type LiveApp = Awaited<ReturnType<typeof startStandaloneApp>>;

export interface LiveShopSettings {
  databaseUrl: string;
  telegramUrl: string;
  stripeUrl: string;
  /** Kept across a restart, as a container's volume would be. */
  dataDir?: string;
}

export function liveSettings({ databaseUrl, telegramUrl, stripeUrl, dataDir }: LiveShopSettings) {
  return {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir ?? mkdtempSync(path.join(tmpdir(), "promo-live-")),
    TELEGRAM_BOT_TOKEN: LIVE_BOT.token,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    TELEGRAM_API_ROOT: telegramUrl,
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: stripeUrl,
    // Info: every webhook answer and inbox step is in the output attached to the test.
    LOG_LEVEL: "info",
  };
}

/** One copy of the live shop on `port`; its output is kept, not echoed (see attachOutput). */
export function startLiveCopy(port: number, settings: ReturnType<typeof liveSettings>) {
  return startStandaloneApp(port, settings, { echo: false });
}

/** The operator's step: tell Telegram where the webhook is (setWebhook, with the secret). */
export async function setWebhook(telegramUrl: string, appUrl: string) {
  const response = await fetch(`${telegramUrl}/bot${LIVE_BOT.token}/setWebhook`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ url: `${appUrl}/api/telegram/webhook`, secret_token: WEBHOOK_SECRET }),
  });
  if (!response.ok) throw new Error(`setWebhook failed: ${await response.text()}`);
}

/** A fresh database on the file's PostgreSQL server, for one case. */
export function freshDatabase(postgres: PostgresServer, name: string) {
  const admin = new URL(postgres.url);
  admin.pathname = "/postgres";
  return createTestDatabase(admin.toString(), name);
}

/** A seller's product with one left (or `stock`), seeded as other tests do; found by deep link. */
export async function productOnSale(databaseUrl: string, stock = 1) {
  const db = await connectDatabase({ url: databaseUrl, dataDir: tmpdir() });
  try {
    return (await createSellerWithProduct(db.db, { stock })).product;
  } finally {
    await db.close();
  }
}

export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms: number,
) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps each copy's output with the test's results, for reading why a case failed. */
export async function attachOutput(
  testInfo: TestInfo,
  copies: Record<string, LiveApp | undefined>,
) {
  for (const [name, copy] of Object.entries(copies)) {
    if (!copy) continue;
    const file = testInfo.outputPath(`${name}.log`);
    writeFileSync(file, copy.output().join("\n"));
    await testInfo.attach(`${name}.log`, { path: file, contentType: "text/plain" });
  }
}

/** Reports a figure in the run's output and with the test's annotations. */
export function report(testInfo: TestInfo, figures: Record<string, number | string>) {
  const description = Object.entries(figures)
    .map(([name, value]) => `${name}=${value}`)
    .join(" ");
  testInfo.annotations.push({ type: "figures", description });
  console.log(`[${testInfo.title}] ${description}`);
}
