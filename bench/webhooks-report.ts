// The webhook benchmark's section of docs/benchmarks.md.
import type { Figures } from "./load";
import { machine, writeSection } from "./report";

export interface Setup {
  seconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  rate: number;
  pgVersion: string;
}

export interface Measured extends Figures {
  /** Inbox rows still pending when the load ended, and how long the worker took for them. */
  backlog: { rows: number; seconds: number };
}

export interface Row {
  webhook: "telegram" | "stripe";
  mode: "max" | "paced";
  server: "app" | "/api/ping" | "bare";
  /** The median round's. */
  figures: Measured;
  /** On the app's rows: its rate divided by /api/ping's and the bare server's, per round. */
  vsPing?: number[];
  vsBare?: number[];
}

const TARGET = 0.7;

const middle = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0;

/** The median ratio, and the rounds' range when there were several. */
function ratio(values?: number[]) {
  if (!values?.length) return "";
  const range =
    values.length > 1
      ? ` (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`
      : "";
  return `${middle(values).toFixed(2)}${range}`;
}

export async function writeWebhooksSection(setup: Setup, rows: Row[]) {
  const { seconds, warmupSeconds, rounds, connections, rate, pgVersion } = setup;
  const table = rows.map(({ webhook, mode, server, figures, vsPing, vsBare }) => {
    const load = mode === "max" ? `max (${connections} in flight)` : `${rate} req/s`;
    const { rows: left, seconds: drained } = figures.backlog;
    const stored = server === "app" ? `${left} (${drained.toFixed(0)} s)` : "–";
    return `| ${webhook === "telegram" ? "Telegram" : "Stripe"} | ${load} | ${server} | ${figures.rps} | ${figures.p50} / ${figures.p99} | ${figures.errors} | ${ratio(vsPing)} | ${ratio(vsBare)} | ${stored} |`;
  });
  const misses = rows
    .filter((row) => row.vsPing && middle(row.vsPing) < TARGET)
    .map((row) => `${row.webhook} (${middle(row.vsPing!).toFixed(2)})`);
  const body = `
${machine()}, PostgreSQL ${pgVersion} on loopback (fsync off, as in the tests).

What is measured is the webhooks' ingest since issue 12: the request is verified (Telegram's
secret header; Stripe's signature, made with the Stripe SDK's \`generateTestHeaderString\` and
checked by its \`constructEvent\`), stored in the inbox in one INSERT and answered 200; the bot
and the payment handling run afterwards in the app's inbox worker. The app is the standalone
bundle as the container starts it (\`node .next/standalone/server.js\`, NODE_ENV=production,
LOG_LEVEL=info, its stdout read and dropped by the benchmark), in live mode against the
Telegram and Stripe stand-ins of \`e2e/stand-ins/\`, with its inbox and outbox workers running.
It is compared, in the same run, with \`POST /api/ping\` of the same build (a route that does
nothing: the framework's floor) and with a bare \`node:http\` server in its own process that
parses the body and does one \`pg\` INSERT into a table shaped like the inbox (no verification,
no logging). The load generator is a process of its own (\`bench/load.ts\`): "max" is autocannon
with ${connections} requests in flight for ${seconds} s, after ${warmupSeconds} s of warm-up per server, in ${rounds} rounds
of /api/ping, app and bare one after the other; the table shows the median round of each and
the median of the rounds' ratios (their range in brackets). "${rate} req/s" is a steady open-loop
rate for ${seconds} s, latency counted from when each request was due. The app, the
baseline, the load generator, the stand-ins and PostgreSQL share the machine's cores.

The worker processes the stored rows while the load runs, on the same cores, so the payloads
are real ones it handles cheaply: each Telegram update is a \`my_chat_member\` (the bot made
administrator of one of 5000 channels), on which the bot does not act (it follows membership
in private chats only) and sends nothing; each Stripe event is a \`checkout.session.completed\` of a
session paid by a delayed method (\`payment_status: unpaid\`), for which the worker only records
the event id. The worker's own throughput is \`npm run bench:inbox\`'s. "rows left" is what
the worker still had to process when the load ended, and how long it took; it was waited for
before the next measure.

Target: ingest at saturation ≥ ${TARGET}× \`/api/ping\` for both webhooks. ${misses.length ? `Missed here: ${misses.join(", ")}.` : "Both met here."}

| webhook | load | server | req/s | p50 / p99 ms | errors | ÷ /api/ping | ÷ bare | rows left |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${table.join("\n")}
`;
  await writeSection("Webhooks (`npm run bench:webhooks`)", body);
}
