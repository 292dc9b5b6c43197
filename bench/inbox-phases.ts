// The inbox benchmark's two measurements: a burst of Stripe payments processed until every order
// is paid, and a burst of Telegram updates processed until every buyer has their reply. The load
// comes from a child process (inbox-load.ts); times are taken from the database where the app
// stored and changed rows, and from the Telegram double where the replies arrived.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { coresUsed, sampleCpu, type CpuSample } from "./inbox-cpu";
import type { LoadRequest, LoadResult } from "./inbox-load";

export const LOAD_CONCURRENCY = 32;
const PHASE_TIMEOUT_MS = 10 * 60_000;

export interface PhaseFigures {
  count: number;
  loadErrors: number;
  /** First row stored → last row stored, and → last effect (order paid, reply received). */
  storeSeconds: number;
  processSeconds: number;
  /** What was still unprocessed when the last row was stored. */
  backlogAtLastStored: number;
  cores: { app: number; postgres: number };
  /** CPU milliseconds per row, app and PostgreSQL: what a busy, shared machine changes least. */
  cpuMsPerRow: { app: number; postgres: number };
  /** Outbox jobs (notices, invoices) finished and still pending when the phase ended. */
  outboxSent: number;
  outboxPending: number;
}

function cpu(before: CpuSample, after: CpuSample, rows: number) {
  return {
    cores: coresUsed(before, after),
    cpuMsPerRow: {
      app: ((after.app - before.app) * 1000) / rows,
      postgres: ((after.postgres - before.postgres) * 1000) / rows,
    },
  };
}

export const perSecond = (count: number, seconds: number) =>
  seconds > 0 ? Math.round(count / seconds) : 0;

const running = new Set<ChildProcess>();

/** Ends a load child still running (the bench failed mid-way). */
export function stopLoad() {
  for (const child of running) child.kill("SIGKILL");
}

/** Posts `requests` to the app from a child process; resolves with its summary. */
export function runLoad(origin: string, requests: LoadRequest[]): Promise<LoadResult> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "promo-bench-load-")), "load.json");
  writeFileSync(file, JSON.stringify(requests));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "bench/inbox-load.ts", file, origin, String(LOAD_CONCURRENCY)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  running.add(child);
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      running.delete(child);
      if (code === 0) resolve(JSON.parse(out.trim().split("\n").at(-1)!) as LoadResult);
      else reject(new Error(`the load process exited with ${code}`));
    });
  });
}

export async function until(check: () => Promise<boolean> | boolean, what: string) {
  const deadline = Date.now() + PHASE_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function outboxSince(seed: pg.Client, from: Date, to: Date) {
  const { rows } = await seed.query(
    `select count(*) filter (where status = 'sent' and sent_at between $1 and $2)::int as sent,
            count(*) filter (where status = 'pending')::int as pending
     from outbox`,
    [from, to],
  );
  return { outboxSent: rows[0].sent as number, outboxPending: rows[0].pending as number };
}

/** Payments: from the first event stored to the last order paid. */
export async function measurePayments(
  seed: pg.Client,
  pgPort: number,
  origin: string,
  tag: string,
  events: LoadRequest[],
): Promise<PhaseFigures> {
  const before = sampleCpu(pgPort);
  const load = runLoad(origin, events);
  let after = before;
  const countPaid = async () => {
    const { rows } = await seed.query(
      "select count(*)::int as n from orders where checkout_key like $1 and status = 'paid'",
      [`bench_${tag}_%`],
    );
    after = sampleCpu(pgPort);
    return rows[0].n === events.length;
  };
  await until(countPaid, `${events.length} orders paid`);
  const loaded = await load;
  const { rows } = await seed.query(
    `with stored as (
       select min(created_at) as first, max(created_at) as last from inbox
       where source = 'stripe' and external_id like $1)
     select stored.first, stored.last, max(o.paid_at) as "lastPaid",
       count(*) filter (where o.paid_at > stored.last)::int as backlog
     from orders o, stored where o.checkout_key like $2 group by stored.first, stored.last`,
    [`evt_cs_bench_${tag}_%`, `bench_${tag}_%`],
  );
  const { first, last, lastPaid, backlog } = rows[0];
  return {
    count: events.length,
    loadErrors: loaded.errors,
    storeSeconds: (last.getTime() - first.getTime()) / 1000,
    processSeconds: (lastPaid.getTime() - first.getTime()) / 1000,
    backlogAtLastStored: backlog,
    ...cpu(before, after, events.length),
    ...(await outboxSince(seed, first, lastPaid)),
  };
}

/**
 * Payments stored first, processing alone: the events go into the inbox as the webhook stores
 * them (same columns and ordering key), all in one INSERT, and the rate runs from the first
 * order paid to the last, so neither the webhook's work nor the worker's next look counts.
 */
export async function measureStoredPayments(
  seed: pg.Client,
  pgPort: number,
  tag: string,
  events: LoadRequest[],
): Promise<PhaseFigures> {
  const before = sampleCpu(pgPort);
  await seed.query(
    `insert into inbox (source, external_id, ordering_key, payload)
     select 'stripe', e->>'id', 'stripe:' || (e->'data'->'object'->>'payment_intent'), e
     from jsonb_array_elements($1::jsonb) as e`,
    [`[${events.map((event) => event.body).join(",")}]`],
  );
  let after = before;
  await until(async () => {
    const { rows } = await seed.query(
      "select count(*)::int as n from orders where checkout_key like $1 and status = 'paid'",
      [`bench_${tag}_%`],
    );
    after = sampleCpu(pgPort);
    return rows[0].n === events.length;
  }, `${events.length} stored payments applied`);
  const { rows } = await seed.query(
    `select min(paid_at) as first, max(paid_at) as last from orders where checkout_key like $1`,
    [`bench_${tag}_%`],
  );
  const { first, last } = rows[0];
  return {
    count: events.length,
    loadErrors: 0,
    storeSeconds: 0,
    processSeconds: (last.getTime() - first.getTime()) / 1000,
    backlogAtLastStored: events.length,
    ...cpu(before, after, events.length),
    ...(await outboxSince(seed, first, last)),
  };
}

/** Updates: from the first update stored to the last buyer's reply at the Telegram double. */
export async function measureUpdates(
  seed: pg.Client,
  pgPort: number,
  origin: string,
  firstUpdateId: number,
  updates: LoadRequest[],
  replies: { count(): number; lastAt(): number },
): Promise<PhaseFigures> {
  const before = sampleCpu(pgPort);
  const load = runLoad(origin, updates);
  let after = before;
  await until(() => {
    after = sampleCpu(pgPort);
    return replies.count() >= updates.length;
  }, `${updates.length} replies`);
  const loaded = await load;
  const lastReply = new Date(replies.lastAt());
  const { rows } = await seed.query(
    // The case keeps Stripe's event ids away from the cast, whatever order the planner picks.
    `with phase as (select created_at, done_at from inbox
       where (case when source = 'telegram' then external_id::bigint end) >= $1)
     select min(created_at) as first, max(created_at) as last,
       count(*) filter (where done_at > (select max(created_at) from phase))::int as backlog
     from phase`,
    [firstUpdateId],
  );
  const { first, last, backlog } = rows[0];
  return {
    count: updates.length,
    loadErrors: loaded.errors,
    storeSeconds: (last.getTime() - first.getTime()) / 1000,
    processSeconds: (lastReply.getTime() - first.getTime()) / 1000,
    backlogAtLastStored: backlog,
    ...cpu(before, after, updates.length),
    ...(await outboxSince(seed, first, lastReply)),
  };
}

/**
 * Lets the outbox finish what a phase queued, so the next phase starts on a quiet app: what is
 * still pending after a short wait is dropped (the notices and invoices are not measured here).
 */
export async function quietOutbox(seed: pg.Client) {
  const pending = async () =>
    (await seed.query("select count(*)::int as n from outbox where status = 'pending'")).rows[0]
      .n as number;
  for (let i = 0; i < 20 && (await pending()) > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  for (;;) {
    const { rowCount } = await seed.query(
      `delete from outbox where id in (
         select id from outbox where status = 'pending' limit 1000 for update skip locked)`,
    );
    if (!rowCount) break;
  }
  await until(async () => (await pending()) === 0, "a quiet outbox");
}
