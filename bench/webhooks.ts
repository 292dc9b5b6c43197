// `npm run bench:webhooks`: how fast the standalone app takes signed Stripe events and Telegram
// updates over loopback with a real PostgreSQL, next to a bare node:http + pg INSERT baseline
// under the same load. Writes docs/benchmarks.md. Needs `npm run build` first.
import { spawn } from "node:child_process";
import { Agent, createServer, request } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { format } from "prettier";
import Stripe from "stripe";
import { serveFetchHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { startPostgres } from "@/test/postgres-server";

const APP_PORT = 3401;
const BASELINE_PORT = 3402;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const RATE = 200;
const WEBHOOK_SECRET = "whsec_bench";
const TELEGRAM_SECRET = "bench-telegram-webhook-secret";
const stripe = new Stripe("sk_test_bench");

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

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
    ["Stripe checkout.session.completed", stripeEventRequest(orderIds)],
    ["Telegram update (/status)", telegramUpdateRequest()],
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

type MakeRequest = () => { body: string; headers: Record<string, string> };

function stripeEventRequest(orderIds: string[]): MakeRequest {
  let next = 0;
  return () => {
    const orderId = orderIds[next++ % orderIds.length];
    const payload = JSON.stringify({
      id: `evt_bench_${next}_${Math.random().toString(36).slice(2)}`,
      object: "event",
      type: "checkout.session.completed",
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: `cs_bench_${next}`,
          object: "checkout.session",
          payment_status: "paid",
          payment_intent: `pi_bench_${next}`,
          client_reference_id: orderId,
          metadata: { order_id: orderId },
        },
      },
    });
    const signature = stripe.webhooks.generateTestHeaderString({
      payload,
      secret: WEBHOOK_SECRET,
    });
    return {
      body: payload,
      headers: { "content-type": "application/json", "stripe-signature": signature },
    };
  };
}

function telegramUpdateRequest(): MakeRequest {
  let updateId = 1_000_000;
  return () => {
    updateId += 1;
    const user = { id: 200_000 + (updateId % 5000), is_bot: false, first_name: "Bench" };
    telegram.markStarted(user.id);
    const body = JSON.stringify({
      update_id: updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: user.id, type: "private", first_name: "Bench" },
        from: user,
        text: "/status",
        entities: [{ type: "bot_command", offset: 0, length: 7 }],
      },
    });
    return {
      body,
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": TELEGRAM_SECRET,
      },
    };
  };
}

/** As fast as the server answers: CONNECTIONS requests in flight at all times. */
async function load(port: number, urlPath: string, make: MakeRequest, seconds = DURATION_S) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${urlPath}`,
    method: "POST",
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: "POST", setupRequest: (request) => ({ ...request, ...make() }) }],
  });
  const non2xx = result.non2xx ?? 0;
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + non2xx,
    requests: result.requests.total,
  } satisfies Figures;
}

/**
 * A steady RATE req/s, one request every 1000/RATE ms whether or not earlier ones have
 * answered (open loop). Latency counts from when a request was due, so a stalled server
 * cannot hide its queue (no coordinated omission). autocannon's own rate limit sends each
 * second's requests in a burst, which measures the burst rather than the server.
 */
async function paced(port: number, urlPath: string, make: MakeRequest): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  const total = RATE * DURATION_S;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { body, headers } = make();
    pending.push(
      post(agent, port, urlPath, body, headers).then(
        (status) => {
          if (status >= 200 && status < 300) latencies.push(performance.now() - due);
          else errors += 1;
        },
        () => {
          errors += 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0);
  return {
    rps: Math.round(latencies.length / ((performance.now() - started) / 1000)),
    p50: at(0.5),
    p99: at(0.99),
    errors,
    requests: total,
  };
}

function post(
  agent: Agent,
  port: number,
  urlPath: string,
  body: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: urlPath, method: "POST", agent, headers },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function writeReport(results: Array<[string, string, Figures, Figures]>, pgVersion: string) {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const rows = results.map(([name, mode, app, base]) => {
    const ratio = base.rps > 0 ? (app.rps / base.rps).toFixed(2) : "–";
    return `| ${name} | ${mode} | ${app.rps} | ${app.p50} / ${app.p99} | ${app.errors} | ${base.rps} | ${base.p50} / ${base.p99} | ${base.errors} | ${ratio} |`;
  });
  const report = `# Benchmarks

## Webhooks (\`npm run bench:webhooks\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${cpu}, ${os.cpus().length} cores,
${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} on loopback
(fsync off, as in the tests), ${DURATION_S} s per run after a 3 s warm-up; "max" is autocannon
as fast as it goes with ${CONNECTIONS} requests in flight; "${RATE} req/s" a steady open-loop rate
(one request every ${1000 / RATE} ms, latency counted from when each was due). The app is the standalone bundle
(\`node .next/standalone/server.js\`); the baseline is a bare \`node:http\` server doing one
\`pg\` INSERT per request. Load generator, simulators, app and database share the machine.

Each Stripe event is a signed \`checkout.session.completed\` for a distinct pending order: the app
verifies the signature, records the event id and marks the order paid with its timeline entry and
two queued notifications, in one transaction. Each Telegram update is a \`/status\` from one of
5000 buyers: the app claims the update id, loads the dialog state, reads the buyer's orders and
replies through the (simulated) Bot API before answering.

| load | mode | app req/s | app p50 / p99 ms | app errors | baseline req/s | baseline p50 / p99 ms | baseline errors | app ÷ baseline |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}
`;
  // Formatted as the repository's Prettier check expects, so a fresh run keeps CI green.
  writeFileSync(
    "docs/benchmarks.md",
    await format(report, { parser: "markdown", printWidth: 100 }),
  );
  console.log(report);
}
