// The webhook benchmark's section of docs/benchmarks.md.
import { writeFileSync } from "node:fs";
import os from "node:os";
import { format } from "prettier";
import { CONNECTIONS, DURATION_S, RATE, type Figures } from "./load";

export async function writeReport(
  results: Array<[string, string, Figures, Figures]>,
  pgVersion: string,
) {
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
