// `npm run bench:webhooks`: webhook ingest (verify, one INSERT into the inbox, 200) of the
// standalone app as the container runs it, at saturation and at a steady rate, side by side with
// the same build's no-op route (the framework's floor) and a bare node:http + pg baseline, on a
// real PostgreSQL. The load generator and the baseline are processes of their own; the
// Telegram and Stripe stand-ins live here. Writes its section of docs/benchmarks.md. Needs
// `npm run build` first.
import pg from "pg";
import { liveSettings, STRIPE_KEY } from "@/e2e/live-shop";
import { startStandaloneApp } from "@/e2e/standalone-app";
import { serveStandIn } from "@/e2e/stand-ins/http-server";
import { createStripeStandIn } from "@/e2e/stand-ins/stripe-api";
import { createTelegramStandIn } from "@/e2e/stand-ins/telegram-bot-api";
import { createFloodControl } from "@/e2e/stand-ins/telegram-flood-control";
import { startPostgres } from "@/test/postgres-server";
import type { LoadSpec } from "./load";
import { runLoad, startBareIngest, stopChildren } from "./run-load";
import { writeWebhooksSection, type Measured, type Row, type Setup } from "./webhooks-report";

const APP_PORT = 3401;
const BARE_PORT = 3402;
const setup: Setup = {
  seconds: Number(process.env.BENCH_SECONDS ?? 6),
  warmupSeconds: 3,
  connections: 20,
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  rate: 200,
  pgVersion: "",
};

const postgres = await startPostgres();
const telegram = createTelegramStandIn({ floodControl: createFloodControl() });
const telegramServer = await serveStandIn(telegram.handle);
const stripeServer = await serveStandIn(createStripeStandIn(STRIPE_KEY).handle);
const settings = liveSettings({
  databaseUrl: postgres.url,
  telegramUrl: telegramServer.url,
  stripeUrl: stripeServer.url,
});
const db = new pg.Client({ connectionString: postgres.url });
let app: Awaited<ReturnType<typeof startStandaloneApp>> | undefined;
let run = 0;

// Ctrl-C or a kill still takes the app, the baseline, the load and PostgreSQL down with it.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

try {
  // As production runs: info lines on stdout (read and dropped here, as a log shipper would
  // take them), the inbox and outbox workers started by the app itself.
  // APP_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=…" profiles the app.
  app = await startStandaloneApp(
    APP_PORT,
    { ...settings, LOG_LEVEL: "info", NODE_OPTIONS: process.env.APP_NODE_OPTIONS ?? "" },
    { echo: false, keep: false },
  );
  await startBareIngest(BARE_PORT, postgres.url);
  await db.connect();
  setup.pgVersion = (await db.query("show server_version")).rows[0].server_version as string;

  const rows: Row[] = [];
  for (const webhook of ["telegram", "stripe"] as const) {
    const path = `/api/${webhook}/webhook`;
    const secret =
      webhook === "telegram" ? settings.TELEGRAM_WEBHOOK_SECRET : settings.STRIPE_WEBHOOK_SECRET;
    const targets = {
      app: { port: APP_PORT, path },
      ping: { port: APP_PORT, path: "/api/ping" },
      bare: { port: BARE_PORT, path },
    };
    const measure = async (
      target: keyof typeof targets,
      mode: LoadSpec["mode"],
      seconds = setup.seconds,
    ) => {
      const figures = await runLoad({
        ...targets[target],
        payload: webhook,
        secret,
        run: ++run,
        mode,
        seconds,
        connections: setup.connections,
        rate: setup.rate,
      });
      // Each measure starts with what the worker has to do of the last one done.
      const backlog = await drainInbox();
      return { ...figures, backlog };
    };
    // Warm-up, not recorded: JIT, Next's lazily loaded route chunks, pool connections.
    for (const target of ["ping", "app", "bare"] as const) {
      await measure(target, "max", setup.warmupSeconds);
    }
    // Rounds of the three side by side: the machine's load drifts, and a ratio of two
    // measures taken one after the other drifts less than either.
    const rounds: Array<Record<"ping" | "app" | "bare", Measured>> = [];
    for (let round = 0; round < setup.rounds; round++) {
      const ping = await measure("ping", "max");
      const app = await measure("app", "max");
      const bare = await measure("bare", "max");
      rounds.push({ ping, app, bare });
      console.log(JSON.stringify({ webhook, round, ping, app, bare }));
    }
    const appPaced = await measure("app", "paced");
    const barePaced = await measure("bare", "paced");
    const ratios = (of: "ping" | "bare") => rounds.map((r) => r.app.rps / r[of].rps);
    const median = (of: "ping" | "app" | "bare") => medianByRate(rounds.map((r) => r[of]));
    rows.push(
      {
        webhook,
        mode: "max",
        server: "app",
        figures: median("app"),
        vsPing: ratios("ping"),
        vsBare: ratios("bare"),
      },
      { webhook, mode: "max", server: "/api/ping", figures: median("ping") },
      { webhook, mode: "max", server: "bare", figures: median("bare") },
      {
        webhook,
        mode: "paced",
        server: "app",
        figures: appPaced,
        vsBare: [appPaced.rps / barePaced.rps],
      },
      { webhook, mode: "paced", server: "bare", figures: barePaced },
    );
    console.log(JSON.stringify({ webhook, appPaced, barePaced }));
  }
  await writeWebhooksSection(setup, rows);
} finally {
  await cleanUp();
}

async function cleanUp() {
  stopChildren();
  await app?.stop();
  app = undefined;
  await db.end().catch(() => undefined);
  await telegramServer.close();
  await stripeServer.close();
  await postgres.stop();
}

/**
 * Waits until the inbox worker has processed what the last measure stored, so the next one
 * does not compete with it; returns how many rows were left when the measure ended and how
 * long the worker took for them.
 */
async function drainInbox(): Promise<Measured["backlog"]> {
  const pending = async () =>
    (await db.query("select count(*)::int as n from inbox where status = 'pending'")).rows[0]
      .n as number;
  const rows = await pending();
  const started = performance.now();
  for (let left = rows; left > 0; left = await pending()) {
    if (performance.now() - started > 300_000) throw new Error(`${left} inbox rows stuck`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/** The round whose rate is the median (its latencies with it). */
function medianByRate(measures: Measured[]): Measured {
  return [...measures].sort((a, b) => a.rps - b.rps)[Math.floor((measures.length - 1) / 2)]!;
}
