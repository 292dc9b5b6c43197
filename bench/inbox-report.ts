// The inbox benchmark's section of docs/benchmarks.md.
import { machine, writeSection } from "./report";
import { LOAD_CONCURRENCY, perSecond, type PhaseFigures } from "./inbox-phases";

// Before issue 12 the Stripe webhook applied each event inside its request: autocannon at
// saturation got 191 and 289 events/s in two runs on this machine type (docs/benchmarks.md as
// of 6428b14). Not measured again here: that code is gone.
const BEFORE = { low: 191, high: 289 };
const TARGET_FACTOR = 3;

export async function writeInboxReport({
  stripe,
  telegram,
  version,
}: {
  stripe: PhaseFigures;
  telegram: PhaseFigures;
  version: string;
}) {
  const paid = perSecond(stripe.count, stripe.processSeconds);
  const answered = perSecond(telegram.count, telegram.processSeconds);
  const target = TARGET_FACTOR * BEFORE.high;
  const verdict =
    paid >= target
      ? `meets the target (${TARGET_FACTOR}× the better documented figure, ≥ ${target}/s)`
      : `misses the target of ${TARGET_FACTOR}× the better documented figure (≥ ${target}/s; ` +
        `${TARGET_FACTOR}× the lower one is ${TARGET_FACTOR * BEFORE.low}/s)`;
  const row = (name: string, f: PhaseFigures, rate: number, before: string, target: string) =>
    `| ${name} | ${f.count} | ${f.loadErrors} | ${perSecond(f.count, f.storeSeconds)} | ${f.backlogAtLastStored} | **${rate}** | ${perSecond(f.backlogAtLastStored, f.processSeconds - f.storeSeconds)} | ${before} | ${target} | ${f.cores.app.toFixed(2)} / ${f.cores.postgres.toFixed(2)} | ${f.cpuMsPerRow.app.toFixed(1)} / ${f.cpuMsPerRow.postgres.toFixed(1)} | ${f.outboxSent} / ${f.outboxPending} |`;
  const body = `
${machine()}, PostgreSQL ${version} on loopback (fsync off, as in the tests). The app is the
standalone bundle as the container starts it (\`node .next/standalone/server.js\`,
NODE_ENV=production, LOG_LEVEL=info, its output read and dropped by the bench), with its inbox
worker (8 rows at once) and its outbox worker running as in production. A separate process
posts the webhooks, ${LOAD_CONCURRENCY} in flight, as fast as the app stores them; the Telegram
Bot API double (\`sandbox/telegram/simulator\`, no flood limits) runs in the bench process.
The rate is counted from the first row stored to the last effect: for Stripe, ${stripe.count}
signed \`checkout.session.completed\` events, each paying a distinct pending order through the
order's own Checkout Session with the matching amount and currency, until the last order is
\`paid\` (timeline entry, buyer and seller notices and the invoice queued, all in the event's
transaction); for Telegram, \`/status\` from ${telegram.count} distinct buyers until the
double has received every reply. "Backlog" is what was still unprocessed when the last row was
stored: above zero, the inbox worker (not the webhook) set the rate; "worked off" is the rate
at which that backlog went once no more webhooks came in, processing alone. CPU is what the app's process and
PostgreSQL used over the run, in cores and per row (webhook, processing and the outbox's work
together; per row is what a busy machine changes least); the outbox column counts the notices and
invoices the outbox worker finished during the run, and those still pending at its end (they
compete with the inbox worker for the 2 cores).

Target: Stripe events ≥ ${TARGET_FACTOR}× the synchronous webhook of before issue 12, which
applied ${BEFORE.low}–${BEFORE.high} events/s at saturation on this machine type (the
documented figures of \`bench:webhooks\` at 6428b14, not measured again). This run: **${paid}
events/s**, ${(paid / BEFORE.high).toFixed(1)}–${(paid / BEFORE.low).toFixed(1)}× those, which
${verdict}. Telegram has no throughput target: every reply takes a turn of the bot's send pace
(\`lib/telegram/send-pace.ts\`, one message per 35 ms per bot, ~28.5/s, Telegram's 30/s with a
margin), so ${answered} updates/s is that pace, not processing, whenever it is near 28.

| work | rows | load errors | stored /s | backlog | processed /s | backlog worked off /s | before issue 12 | target | cores app / postgres | CPU ms per row app / postgres | outbox done / pending |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${row("Stripe checkout.session.completed", stripe, paid, `${BEFORE.low}–${BEFORE.high}`, `≥ ${target}`)}
${row("Telegram /status (reply arrived)", telegram, answered, "–", "– (pace ~28.5/s)")}
`;
  await writeSection("Inbox processing (`npm run bench:inbox`)", body);
}
