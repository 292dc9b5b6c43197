// `npm run bench:inbox`: how fast the standalone app, as the container runs it (production,
// LOG_LEVEL=info, its outbox worker running), processes what its webhooks stored in the inbox:
// Stripe payments until every order is paid, Telegram updates until every reply has arrived.
// Real PostgreSQL on loopback; a Telegram double without flood limits in this process; the load
// from a child process. Writes its section of docs/benchmarks.md. Needs `npm run build` first.
import pg from "pg";
import { serveFetchHandler, type FetchHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { startPostgres } from "@/test/postgres-server";
import { startStandaloneApp } from "@/e2e/standalone-app";
import {
  paymentEvents,
  seedPendingOrders,
  seedShop,
  SELLER_TELEGRAM_ID,
  statusUpdates,
} from "./inbox-seed";
import {
  measurePayments,
  measureStoredPayments,
  measureUpdates,
  quietOutbox,
  stopLoad,
} from "./inbox-phases";
import { writeInboxReport } from "./inbox-report";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 300);
const WARM_UP = 30;
const APP_PORT = 3411;
const STRIPE_WEBHOOK_SECRET = "whsec_bench_inbox";
const TELEGRAM_SECRET = "bench-inbox-telegram-webhook-secret";

const telegram = createTelegramSimulator();
// Replies counted as the Bot API double answers them: the time the last buyer got theirs.
const replied = new Set<number>();
let watched = new Set<number>();
let lastReplyAt = 0;
const countingReplies: FetchHandler = async (request) => {
  const response = await telegram.handle(request);
  if (response.ok && new URL(request.url).pathname.endsWith("/sendMessage")) {
    const { result } = (await response.clone().json()) as { result: { chat: { id: number } } };
    if (watched.has(result.chat.id) && !replied.has(result.chat.id)) {
      replied.add(result.chat.id);
      lastReplyAt = Date.now();
    }
  }
  return response;
};
const replies = { count: () => replied.size, lastAt: () => lastReplyAt };
function watch(chats: number[]) {
  replied.clear();
  watched = new Set(chats);
}

const postgres = await startPostgres();
const pgPort = Number(new URL(postgres.url).port);
const telegramServer = await serveFetchHandler(countingReplies);
const seed = new pg.Client({ connectionString: postgres.url });
let app: Awaited<ReturnType<typeof startStandaloneApp>> | undefined;

async function cleanUp() {
  stopLoad();
  await app?.stop();
  await seed.end().catch(() => undefined);
  await telegramServer.close().catch(() => undefined);
  await postgres.stop();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(1)));
}

try {
  app = await startStandaloneApp(
    APP_PORT,
    {
      DATABASE_URL: postgres.url,
      TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
      TELEGRAM_API_ROOT: telegramServer.url,
      STRIPE_SECRET_KEY: "sk_test_bench_inbox",
      STRIPE_WEBHOOK_SECRET,
      STRIPE_API_BASE: "http://127.0.0.1:9",
      LOG_LEVEL: "info",
    },
    // Production logs every step at info; this process does not keep the thousands of lines.
    { echo: false, keep: false },
  );
  await seed.connect();
  const version = (await seed.query("show server_version")).rows[0].server_version as string;
  const shop = await seedShop(seed);
  telegram.markStarted(SELLER_TELEGRAM_ID);

  // Every buyer has started the bot, so the notices of a paid order go out as in production.
  const payBurst = async (tag: string, count: number, firstBuyer: number) => {
    const orders = await seedPendingOrders(seed, shop, tag, count, firstBuyer);
    for (const order of orders) telegram.markStarted(order.buyerTelegramId);
    return paymentEvents(orders, STRIPE_WEBHOOK_SECRET);
  };
  const statusBurst = (count: number, firstBuyer: number, firstUpdateId: number) => {
    const buyers = Array.from({ length: count }, (_, i) => firstBuyer + i);
    for (const buyer of buyers) telegram.markStarted(buyer);
    watch(buyers);
    return statusUpdates(buyers, firstUpdateId, TELEGRAM_SECRET);
  };

  // Warm-up, not recorded: JIT, Next's lazily loaded route chunks, the pool's connections.
  const warmEvents = await payBurst("warm", WARM_UP, 500_000);
  await measurePayments(seed, pgPort, app.url, "warm", warmEvents);
  await measureUpdates(seed, pgPort, app.url, 1, statusBurst(WARM_UP, 600_000, 1), replies);
  await quietOutbox(seed);

  const updates = statusBurst(UPDATES, 700_000, 10_000);
  const telegramFigures = await measureUpdates(seed, pgPort, app.url, 10_000, updates, replies);
  await quietOutbox(seed);

  const events = await payBurst("run", EVENTS, 1_000_000);
  const stripeFigures = await measurePayments(seed, pgPort, app.url, "run", events);
  await quietOutbox(seed);

  const stored = await payBurst("bulk", EVENTS, 2_000_000);
  const storedFigures = await measureStoredPayments(seed, pgPort, "bulk", stored);

  await writeInboxReport({
    stripe: stripeFigures,
    stored: storedFigures,
    telegram: telegramFigures,
    version,
  });
} finally {
  await cleanUp();
}
