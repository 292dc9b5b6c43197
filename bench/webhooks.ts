// `npm run bench:webhooks`: how fast the standalone app takes signed Stripe events and Telegram
// updates over loopback with a real PostgreSQL, next to a bare node:http + pg INSERT baseline
// under the same load. Writes docs/benchmarks.md. Needs `npm run build` first.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { serveFetchHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { startPostgres } from "@/test/postgres-server";
import { load, paced, RATE, type Figures } from "./load";
import { stripeEventRequest, telegramUpdateRequest } from "./webhook-requests";
import { writeReport } from "./webhooks-report";

const APP_PORT = 3401;
const BASELINE_PORT = 3402;
const WEBHOOK_SECRET = "whsec_bench";
const TELEGRAM_SECRET = "bench-telegram-webhook-secret";

const postgres = await startPostgres();
const telegram = createTelegramSimulator();
const telegramServer = await serveFetchHandler(telegram.handle);
const seed = new pg.Client({ connectionString: postgres.url });

// --- the app, as it ships -------------------------------------------------------------------
const app = spawn(process.execPath, [".next/standalone/server.js"], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(APP_PORT),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: postgres.url,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "promo-bench-")),
    TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    TELEGRAM_API_ROOT: telegramServer.url,
    STRIPE_SECRET_KEY: "sk_test_bench",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: "http://127.0.0.1:9",
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "ignore", "inherit"],
});

// --- the baseline: the least a webhook endpoint can do --------------------------------------
const pool = new pg.Pool({ connectionString: postgres.url, max: 10 });
const baseline = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString();
    const id = /"(?:id|update_id)":\s*"?([\w-]+)/.exec(body)?.[1] ?? String(Math.random());
    pool
      .query("insert into bench_events (id, body) values ($1, $2) on conflict do nothing", [
        id,
        body,
      ])
      .then(() => response.writeHead(200).end('{"ok":true}'))
      .catch(() => response.writeHead(500).end());
  });
});

try {
  await waitForHealth();
  await seed.connect();
  await seed.query("create table bench_events (id text primary key, body text not null)");
  await new Promise<void>((resolve) => baseline.listen(BASELINE_PORT, "127.0.0.1", resolve));
  const orderIds = await seedPendingOrders(40_000);
  const version = (await seed.query("show server_version")).rows[0].server_version as string;

  const results: Array<[string, string, Figures, Figures]> = [];
  for (const [name, makeRequest] of [
    ["Stripe checkout.session.completed", stripeEventRequest(orderIds, WEBHOOK_SECRET)],
    ["Telegram update (/status)", telegramUpdateRequest(telegram, TELEGRAM_SECRET)],
  ] as const) {
    const appPath = name.startsWith("Stripe") ? "/api/stripe/webhook" : "/api/telegram/webhook";
    // Each run starts on a quiet machine: the app's outbox worker sends the notifications (and
    // makes the invoices) a run queued after it ends, which would otherwise load the next run.
    // Warm-up, not recorded: JIT, Next's lazily loaded route chunks, pool connections.
    await load(APP_PORT, appPath, makeRequest, 3);
    await load(BASELINE_PORT, appPath, makeRequest, 3);
    await quietOutbox();
    const appRated = await paced(APP_PORT, appPath, makeRequest);
    await quietOutbox();
    const baseRated = await paced(BASELINE_PORT, appPath, makeRequest);
    const appMax = await load(APP_PORT, appPath, makeRequest);
    await quietOutbox();
    const baseMax = await load(BASELINE_PORT, appPath, makeRequest);
    results.push([name, `${RATE} req/s`, appRated, baseRated], [name, "max", appMax, baseMax]);
  }
  await writeReport(results, version);
} finally {
  app.kill("SIGTERM");
  baseline.close();
  await pool.end();
  await seed.end().catch(() => undefined);
  await telegramServer.close();
  await postgres.stop();
}

async function waitForHealth() {
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`http://127.0.0.1:${APP_PORT}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the app did not become healthy (did you run `npm run build`?)");
}

async function quietOutbox() {
  // A saturated run queues thousands of paid orders: their notices and invoice PDFs would keep
  // a core busy for many minutes. They are not what this benchmark measures, so what is still
  // pending after a short wait is dropped (rows the worker holds are skipped, not waited on).
  for (let i = 0; i < 20; i++) {
    const { rows } = await seed.query(
      "select count(*)::int as n from outbox where status = 'pending'",
    );
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  for (;;) {
    const { rowCount } = await seed.query(
      `delete from outbox where id in (
         select id from outbox where status = 'pending' limit 1000 for update skip locked)`,
    );
    if (!rowCount) break;
  }
  for (let i = 0; i < 120; i++) {
    const { rows } = await seed.query(
      "select count(*)::int as n from outbox where status = 'pending'",
    );
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the outbox did not quieten within a minute");
}

// Pending orders for the payment events to complete, so each event does the real work.
async function seedPendingOrders(count: number): Promise<string[]> {
  const seller = await seed.query(
    "insert into users (telegram_id, name) values (1, 'Bench Seller') returning id",
  );
  const product = await seed.query(
    `insert into products (seller_id, title, price_minor, deep_link_payload)
     values ($1, 'Bench Coffee', 1290, 'bench') returning id`,
    [seller.rows[0].id],
  );
  const orders = await seed.query(
    `insert into orders (seller_id, product_id, buyer_telegram_id, contact_name, email,
       address_street, address_postcode, address_city, address_country, product_title, quantity,
       currency, unit_amount_minor, total_amount_minor, checkout_key)
     select $1, $2, 100000 + n, 'Bench Buyer', 'b@example.com', 'Street 1', '10115', 'Berlin',
       'DE', 'Bench Coffee', 1, 'EUR', 1290, 1290, 'bench-' || n
     from generate_series(1, $3::int) as n returning id`,
    [seller.rows[0].id, product.rows[0].id, count],
  );
  return orders.rows.map((row: { id: string }) => row.id);
}
