import os from "node:os";
import { machine, writeSection } from "./report";
import { SPREAD_MS, type PromoFigures } from "./promo-run";

export const HEADING = "Promo burst (`npm run bench:promo`)";

// Issue 12's targets for a promotion.
const TARGETS = { tooManyPerMessage: 0.05, buyToQuestionP99Ms: 5_000, drainRatio: 1.2 };

const s = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const ms = (value: number) => value.toFixed(1);

/** What missed issue 12's targets in a run, in words (empty when nothing did). */
export function misses(f: PromoFigures): string[] {
  const found: string[] = [];
  if (f.timedOut) found.push("the run hit its deadline with buyers unanswered");
  if (f.lostCards + f.lostQuestions > 0) {
    found.push(`${f.lostCards} cards and ${f.lostQuestions} first questions lost`);
  }
  if (f.duplicateCards + f.duplicateQuestions > 0) {
    found.push(`${f.duplicateCards} cards and ${f.duplicateQuestions} questions duplicated`);
  }
  if (f.funnel.rows !== f.buyers) found.push(`funnel rows ${f.funnel.rows} ≠ buyers ${f.buyers}`);
  if (f.tooMany / f.messages > TARGETS.tooManyPerMessage) found.push("429s over 0.05 a message");
  if (f.buyToQuestion.p99 > TARGETS.buyToQuestionP99Ms) found.push("Buy → question p99 over 5 s");
  if (f.drainMs / f.platformMinimumMs > TARGETS.drainRatio) found.push("drain over 1.2× minimum");
  return found;
}

export async function writePromoReport(runs: PromoFigures[], postgresVersion: string) {
  const rows = runs.map((f) =>
    [
      f.buyers,
      `${f.buys} (${f.buysWhileCardsQueued} while cards queued)`,
      `${s(f.tapToCard.p50)} / ${s(f.tapToCard.p99)}`,
      `${s(f.buyToQuestion.p50)} / ${s(f.buyToQuestion.p99)}`,
      `${f.tooMany} (${(f.tooMany / f.messages).toFixed(4)})`,
      `${f.lostCards} / ${f.lostQuestions}`,
      `${f.duplicateCards} / ${f.duplicateQuestions}`,
      `${f.funnel.rows} (${f.funnel.buyers} buyers)`,
      `${s(f.drainMs)} / ${s(f.platformMinimumMs)} = ${(f.drainMs / f.platformMinimumMs).toFixed(2)}×`,
      misses(f).join("; ") || "none",
    ].join(" | "),
  );
  const standIn = runs.map(
    (f) =>
      `${f.buyers} buyers: the stand-in answered the app's calls in p50 ${ms(f.standInAnswer.p50)} / ` +
      `p99 ${ms(f.standInAnswer.p99)} / max ${ms(f.standInAnswer.max)} ms, its event loop was ` +
      `late by p99 ${ms(f.loopDelay.p99)} / max ${ms(f.loopDelay.max)} ms; at most ` +
      `${f.peakCardsQueued} buyers waited for a card at once` +
      (f.appCores === undefined
        ? ""
        : `; the app used ${f.appCores.toFixed(2)} cores during the run`) +
      `; the machine's load average was ${f.machineLoad.toFixed(1)} on ${os.cpus().length} cores` +
      (f.otherMessages.length ? `; other bot messages: ${f.otherMessages.join(", ")}` : ""),
  );
  const body = `
${machine()}, PostgreSQL ${postgresVersion} on loopback (fsync off, as in the tests).
The app is the standalone bundle as the container starts it (\`node .next/standalone/server.js\`,
NODE_ENV=production, LOG_LEVEL=info, its output not kept), in live mode (a live-looking bot
token, a live Stripe key) with its inbox and outbox workers running as in production; Telegram
is the Bot API stand-in (\`e2e/stand-ins/\`) enforcing Telegram's flood limits (30 messages a
second per bot, one a second per private chat: over them it answers 429 with retry_after) and
delivering updates to the webhook as Telegram does (at most 40 requests in flight, one chat's
updates in order, redelivery until 2xx); Stripe is its stand-in. The stand-ins and the buyers
run in the bench process, the app and PostgreSQL in their own. A seller's product is published
to a channel; N distinct buyers tap the post's Buy link (\`/start <post payload>\`) spread evenly
over ${SPREAD_MS / 1000} s, and every fourth taps Buy on the product card the moment it
arrives. Tap → card is from a buyer's /start being handed to Telegram's delivery to the card
reaching the stand-in; Buy → question from the Buy tap to the dialog's first question; a card
or question never received is lost, two are duplicated; funnel rows are the app's
\`deep_link_starts\` rows for the post; drain is from the first /start to the last message, the
platform minimum is messages ÷ 30/s (or the ${SPREAD_MS / 1000} s spread, when longer). Targets (issue 12): 10,000 buyers with 0 lost and 0
duplicated, funnel rows = buyers, 429s ≤ 0.05 a message sent, Buy → first question p99 ≤ 5 s
while cards still queue, drain within 1.2× the platform minimum.

| buyers | Buy taps | tap → card p50 / p99 s | Buy → question p50 / p99 s | 429s (per message) | lost cards / questions | duplicated cards / questions | funnel rows | drain / minimum s | misses |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((row) => `| ${row} |`).join("\n")}

${standIn.join("\n\n")}
`;
  await writeSection(HEADING, body);
}
