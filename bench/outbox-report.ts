// The "Outbox drain" section of docs/benchmarks.md: what was measured, how, the target, and
// the figures of this run, misses included.
import { machine, writeSection } from "./report";
import type { Tally } from "./outbox-wire";

export interface OutboxRun {
  orders: number;
  sellers: number;
  connections: number;
  version: string;
  load: { startedAt: number; endedAt: number; statuses: Record<string, number> };
  figures: Tally;
  invoices: number;
  /** Whether the inbox and outbox were empty before the deadline. */
  settled: boolean;
}

const TELEGRAM_PER_SECOND = 30;
const TARGET = 1.2;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function writeOutboxReport(run: OutboxRun) {
  const { figures: f, orders } = run;
  // Before the last buyer's confirmation only the buyers' confirmations must go: everything
  // else (seller notices, invoices) can wait.
  const minimumMs = (orders / TELEGRAM_PER_SECOND) * 1000;
  const ratio = f.lastConfirmationMs / minimumMs;
  const statuses = Object.entries(run.load.statuses)
    .map(([status, n]) => `${n} × ${status}`)
    .join(", ");
  const rows: Array<[string, string]> = [
    ["Time to the last buyer's payment confirmation", s(f.lastConfirmationMs)],
    [`Platform minimum (${orders} confirmations ÷ ${TELEGRAM_PER_SECOND}/s)`, s(minimumMs)],
    [
      `Ratio (target ≤ ${TARGET}×)`,
      `${ratio.toFixed(2)}× ${ratio <= TARGET ? "(met)" : "(**missed**)"}`,
    ],
    [
      "First confirmation; pace from the first to the last",
      `${s(f.firstConfirmationMs)}; ${(
        ((f.buyerConfirmations - 1) * 1000) /
        Math.max(1, f.lastConfirmationMs - f.firstConfirmationMs)
      ).toFixed(1)} messages/s`,
    ],
    ["Messages sent up to the last confirmation (all chats)", String(f.sentByLastConfirmation)],
    [
      "Buyers confirmed / missed / confirmed twice",
      `${f.confirmed} / ${f.missed} / ${f.duplicated}`,
    ],
    ["Buyer confirmations sent", String(f.buyerConfirmations)],
    [
      `Seller messages (${run.sellers} sellers; digests among them)`,
      `${f.sellerMessages} (${f.sellerDigests} digests)`,
    ],
    ["Orders missing from / repeated in seller messages", `${f.sellerMisses} / ${f.sellerRepeats}`],
    ["Invoice messages to buyers (PDFs made)", `${f.invoiceNotices} (${run.invoices})`],
    ["Other messages", String(f.otherMessages)],
    [
      "429s received per message sent",
      `${(f.refused429 / Math.max(1, f.accepted)).toFixed(3)} (${f.refused429} of ${f.accepted + f.refused429} tries; ${f.refused429ByLastConfirmation} before the last confirmation)`,
    ],
    ["Other refusals", String(f.refusedOther)],
    [
      "Everything sent (last message of any kind)",
      `${s(f.lastMessageMs)}${run.settled ? "" : " (**not drained before the deadline**)"}`,
    ],
    [
      `Events POSTed (${run.connections} connections) / answers`,
      `${s(run.load.endedAt - run.load.startedAt)} / ${statuses}`,
    ],
  ];
  const body = `${machine()}, PostgreSQL ${run.version}, on loopback. ${orders} orders of ${run.sellers} sellers are paid at once: a load process of its own POSTs their signed \`checkout.session.completed\` events (each for a seeded pending order and its recorded Checkout Session) to the standalone bundle (\`node .next/standalone/server.js\`, NODE_ENV=production, LOG_LEVEL=info, output not kept, outbox concurrency as configured for PostgreSQL) as fast as it takes them, ${run.connections} at a time. The app's outbox sends what the payments queue (buyer confirmation, seller notice, invoice PDF and its message) to a Telegram Bot API stand-in in the bench process that enforces Telegram's flood limits (30 messages a second per bot, one a second per chat, 429 with \`retry_after\` beyond). Measured from the first POST until the stand-in has taken the last buyer's payment confirmation, against the platform minimum: the messages that must go before it (the ${orders} confirmations) at 30 a second. Target: at most ${TARGET}× the minimum, no buyer confirmed twice or missed, every order in exactly one seller message. A shared or busy machine makes the figures worse, not better.

| Figure | Value |
| --- | --- |
${rows.map(([name, value]) => `| ${name} | ${value} |`).join("\n")}
`;
  await writeSection("Outbox drain (`npm run bench:outbox`)", body);
}
