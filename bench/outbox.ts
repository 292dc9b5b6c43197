// `npm run bench:outbox`: 300 orders of a few sellers paid at once. A load process POSTs their
// signed `checkout.session.completed` events to the standalone app (as the container runs it,
// logging at info, on a real PostgreSQL); the app's outbox sends the notices to a Telegram Bot
// API stand-in that enforces Telegram's flood limits. Measures the time until the last buyer
// has their payment confirmation, against the platform's minimum (300 messages at 30 a
// second), and what else went on the wire. Writes docs/benchmarks.md. Needs `npm run build`.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startStandaloneApp } from "@/e2e/standalone-app";
import { serveStandIn } from "@/e2e/stand-ins/http-server";
import { createStripeStandIn } from "@/e2e/stand-ins/stripe-api";
import { createTelegramStandIn, LIVE_BOT } from "@/e2e/stand-ins/telegram-bot-api";
import { createFloodControl } from "@/e2e/stand-ins/telegram-flood-control";
import { startPostgres } from "@/test/postgres-server";
import { seedShop, type PaidOrdersShop } from "./outbox-shop";
import { writeOutboxReport } from "./outbox-report";
import { recordSends, tally } from "./outbox-wire";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const SELLERS = Number(process.env.BENCH_SELLERS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Long enough for a slow, shared machine; a drain that takes longer is reported as misses.
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_SECONDS ?? 180) * 1000;
const APP_PORT = 3431;
const STRIPE_KEY = "sk_live_51BenchOutboxR6aXq0yZ3bC8dE1fG4hJ7kL2mN5pQ";
const WEBHOOK_SECRET = "whsec_benchoutbox9Xw2Yb7Zc4Ad1Be8Cf5Dg3Eh";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const postgres = await startPostgres();
const telegram = createTelegramStandIn({ floodControl: createFloodControl() });
const wire = recordSends(telegram);
const telegramServer = await serveStandIn(wire.handle);
const stripeServer = await serveStandIn(createStripeStandIn(STRIPE_KEY).handle);
const seed = new pg.Client({ connectionString: postgres.url });
const children = new Set<ReturnType<typeof spawn>>();
let app: Awaited<ReturnType<typeof startStandaloneApp>> | undefined;

try {
  app = await startStandaloneApp(
    APP_PORT,
    {
      DATABASE_URL: postgres.url,
      TELEGRAM_BOT_TOKEN: LIVE_BOT.token,
      TELEGRAM_WEBHOOK_SECRET: "bench-outbox-telegram-secret-7c41",
      TELEGRAM_API_ROOT: telegramServer.url,
      STRIPE_SECRET_KEY: STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: stripeServer.url,
      LOG_LEVEL: "info",
    },
    { echo: false, keep: false },
  );
  await seed.connect();
  const version = (await seed.query("show server_version")).rows[0].server_version as string;

  // Warm-up, not recorded: JIT, the route's lazily loaded chunks, the PDF renderer, the pools.
  const warm = await seedShop(seed, {
    sellers: 1,
    orders: 5,
    firstChat: 0,
    webhookSecret: WEBHOOK_SECRET,
  });
  await payAll(warm);
  await drained(warm, Date.now() + 60_000);
  await sleep(1500); // Telegram's windows are a second long: the run starts with them empty.

  const shop = await seedShop(seed, {
    sellers: SELLERS,
    orders: ORDERS,
    firstChat: 1000,
    webhookSecret: WEBHOOK_SECRET,
  });
  const load = await payAll(shop);
  const deadline = load.startedAt + DEADLINE_MS;
  while (Date.now() < deadline && tally(wire.sends, shop, load.startedAt).confirmed < ORDERS) {
    await sleep(100);
  }
  const settled = await drained(shop, deadline);
  const figures = tally(wire.sends, shop, load.startedAt);
  const invoices = (
    await seed.query(
      "select count(*)::int as n from invoices where order_id in (select id from orders where buyer_telegram_id = any($1::bigint[]))",
      [shop.buyerChats],
    )
  ).rows[0].n as number;
  await writeOutboxReport({
    orders: ORDERS,
    sellers: SELLERS,
    connections: CONNECTIONS,
    version,
    load,
    figures,
    invoices,
    settled,
  });
} finally {
  for (const child of children) child.kill("SIGKILL");
  await app?.stop();
  await seed.end().catch(() => undefined);
  await telegramServer.close();
  await stripeServer.close();
  await postgres.stop();
}

/** The load process: every event POSTed, `CONNECTIONS` at a time. */
async function payAll(shop: PaidOrdersShop) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "bench-outbox-")), "events.json");
  writeFileSync(file, JSON.stringify(shop.events));
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/outbox-load.ts",
      file,
      `http://127.0.0.1:${APP_PORT}/api/stripe/webhook`,
      String(CONNECTIONS),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.add(child);
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  children.delete(child);
  if (code !== 0) throw new Error(`the load process ended with ${code}`);
  return JSON.parse(out.trim().split("\n").at(-1)!) as {
    startedAt: number;
    endedAt: number;
    statuses: Record<string, number>;
  };
}

/** Waits until nothing of the shop's is left in the inbox or the outbox; whether it got there. */
async function drained(shop: PaidOrdersShop, deadline: number) {
  while (Date.now() < deadline) {
    const { rows } = await seed.query(
      `select (select count(*) from inbox where status = 'pending')::int
            + (select count(*) from outbox where status = 'pending')::int as n`,
    );
    if (rows[0].n === 0 && tally(wire.sends, shop, 0).confirmed === shop.buyerChats.length) {
      return true;
    }
    await sleep(250);
  }
  return false;
}
