// `npm run bench:promo`: a promotion's burst of buyers against the standalone app in live mode,
// with Telegram's flood limits enforced by the Bot API stand-in, on a real PostgreSQL. Runs
// 2,000 and then 10,000 buyers (BENCH_BUYERS=500 or =2000,10000 to choose) and writes its
// section of docs/benchmarks.md. Needs `npm run build` first.
import pg from "pg";
import { startPostgres } from "@/test/postgres-server";
import { misses, writePromoReport } from "./promo-report";
import { runPromo, type PromoFigures } from "./promo-run";

const sizes = (process.env.BENCH_BUYERS ?? "2000,10000").split(",").map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 4)) {
  throw new Error(
    `BENCH_BUYERS must be buyer counts of at least 4, got ${process.env.BENCH_BUYERS}`,
  );
}

// Interrupted, the bench still ends what it started: exiting runs the app's and PostgreSQL's
// exit handlers, which kill them.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

const postgres = await startPostgres();
try {
  const version = await serverVersion(postgres.url);
  const runs: PromoFigures[] = [];
  for (const size of sizes) {
    console.log(`promo burst: ${size} buyers…`);
    const figures = await runPromo(postgres, size);
    console.log(JSON.stringify(figures), misses(figures));
    runs.push(figures);
  }
  await writePromoReport(runs, version);
} finally {
  await postgres.stop();
}

async function serverVersion(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("show server_version")).rows[0].server_version as string;
  } finally {
    await client.end();
  }
}
