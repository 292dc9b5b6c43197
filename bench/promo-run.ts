import net from "node:net";
import os from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { inboxState } from "@/e2e/live-inbox";
import { freshDatabase, liveSettings, setWebhook, STRIPE_KEY } from "@/e2e/live-shop";
import { startStandaloneApp } from "@/e2e/standalone-app";
import { serveStandIn } from "@/e2e/stand-ins/http-server";
import { createStripeStandIn } from "@/e2e/stand-ins/stripe-api";
import { createTelegramStandIn } from "@/e2e/stand-ins/telegram-bot-api";
import { createFloodControl, TELEGRAM_LIMITS } from "@/e2e/stand-ins/telegram-flood-control";
import type { PostgresServer } from "@/test/postgres-server";
import { childrenCpuSeconds } from "./promo-cpu";
import { promoBuyers, type PromoBuyer } from "./promo-buyers";
import { funnelRows, seedPromoShop } from "./promo-shop";

export const SPREAD_MS = 60_000;
const BUY_EVERY = 4;
// After the last expected message, a late duplicate (a retried update) would come within this.
const SETTLE_MS = 5_000;
// The histogram's samples are the timer's interval plus how late it fired: the interval is
// taken off again.
const LOOP_RESOLUTION_MS = 5;

export interface Spread {
  p50: number;
  p99: number;
  max: number;
}

export interface PromoFigures {
  buyers: number;
  buys: number;
  tapToCard: Spread;
  buyToQuestion: Spread;
  /** Buys made while other buyers still waited for their card, and the most waiting then. */
  buysWhileCardsQueued: number;
  peakCardsQueued: number;
  messages: number;
  tooMany: number;
  lostCards: number;
  duplicateCards: number;
  lostQuestions: number;
  duplicateQuestions: number;
  otherMessages: string[];
  funnel: { rows: number; buyers: number };
  drainMs: number;
  platformMinimumMs: number;
  /** The app's CPU time during the run, in cores (1 = one core busy the whole time). */
  appCores?: number;
  /** The machine's 1-minute load average, averaged over the run: other work sharing the cores. */
  machineLoad: number;
  standInAnswer: Spread;
  loopDelay: Spread;
  /** The run ended at its deadline with answers missing. */
  timedOut: boolean;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5) ?? NaN, p99: at(0.99) ?? NaN, max: sorted.at(-1) ?? NaN };
}

async function freePort() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One promotion: `count` buyers tap the post's link over a minute against a fresh shop (its own
 * database on `postgres`, a fresh app, fresh stand-ins), until every buyer was answered and the
 * inbox is empty, or a deadline passes.
 */
export async function runPromo(postgres: PostgresServer, count: number): Promise<PromoFigures> {
  const databaseUrl = await freshDatabase(postgres, `promo_bench_${count}`);
  const telegram = createTelegramStandIn({ floodControl: createFloodControl() });
  const answerMs: number[] = [];
  const telegramServer = await serveStandIn(async (request) => {
    const start = performance.now();
    const response = await telegram.handle(request);
    answerMs.push(performance.now() - start);
    return response;
  });
  const stripe = createStripeStandIn(STRIPE_KEY);
  const stripeServer = await serveStandIn(stripe.handle);
  let app: Awaited<ReturnType<typeof startStandaloneApp>> | undefined;
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  // Killed on the way out, however the bench ends (an error, Ctrl-C).
  const killApp = () => void app?.kill();
  process.once("exit", killApp);
  try {
    const settings = liveSettings({
      databaseUrl,
      telegramUrl: telegramServer.url,
      stripeUrl: stripeServer.url,
    });
    app = await startStandaloneApp(await freePort(), settings, {
      // The app's output is not kept; BENCH_ECHO_APP=1 shows it, to read why a figure missed.
      echo: process.env.BENCH_ECHO_APP === "1",
      keep: false,
    });
    const shop = await seedPromoShop(databaseUrl);
    await setWebhook(telegramServer.url, app.url);
    await warmUp(telegram);
    answerMs.length = 0;

    const buyers = promoBuyers(telegram, {
      count,
      spreadMs: SPREAD_MS,
      payload: shop.payload,
      buyEvery: BUY_EVERY,
    });
    loop.enable();
    const cpuAtStart = { seconds: childrenCpuSeconds(), at: performance.now() };
    const tapping = buyers.tapTheirLinks();
    // Each message takes one of Telegram's 30 a second; three times that, and a minute more.
    const deadline =
      performance.now() + SPREAD_MS + ((count * (1 + 1 / BUY_EVERY)) / 30) * 3000 + 60_000;
    let peakCardsQueued = 0;
    let timedOut = false;
    const loads: number[] = [];
    for (;;) {
      await pause(1_000);
      loads.push(os.loadavg()[0]!);
      peakCardsQueued = Math.max(peakCardsQueued, buyers.waitingForCards());
      if (buyers.answered() && (await inboxState(databaseUrl)).pending === 0) break;
      if (performance.now() > deadline) {
        timedOut = true;
        break;
      }
    }
    await tapping;
    loop.disable();
    const cpuAtEnd = { seconds: childrenCpuSeconds(), at: performance.now() };
    await pause(SETTLE_MS);

    const all = buyers.buyers;
    const buying = all.filter((b) => b.buys && b.buyAt !== undefined);
    const between = (list: PromoBuyer[], from: keyof PromoBuyer, to: keyof PromoBuyer) =>
      spread(list.flatMap((b) => (b[to] === undefined ? [] : [Number(b[to]) - Number(b[from])])));
    const messages = buyers.messages();
    return {
      buyers: count,
      buys: all.filter((b) => b.buys).length,
      tapToCard: between(all, "sentAt", "cardAt"),
      buyToQuestion: between(buying, "buyAt", "questionAt"),
      buysWhileCardsQueued: buying.filter((b) => (b.cardsQueuedAtBuy ?? 0) > 0).length,
      peakCardsQueued,
      messages,
      tooMany: telegram.calls().filter((call) => call.answer === 429).length,
      lostCards: all.filter((b) => b.cards === 0).length,
      duplicateCards: all.filter((b) => b.cards > 1).length,
      lostQuestions: all.filter((b) => b.buys && b.questions === 0).length,
      duplicateQuestions: all.filter((b) => b.questions > 1).length,
      otherMessages: [...buyers.others()].map(([line, n]) => `${n}× "${line}"`),
      funnel: await funnelRows(databaseUrl, shop.postId),
      drainMs: buyers.lastMessageAt() - buyers.firstSentAt(),
      // A smaller promotion cannot end before its last buyer has tapped.
      platformMinimumMs: Math.max((messages / TELEGRAM_LIMITS.perSecond) * 1000, SPREAD_MS),
      appCores:
        cpuAtStart.seconds === undefined || cpuAtEnd.seconds === undefined
          ? undefined
          : (cpuAtEnd.seconds - cpuAtStart.seconds) / ((cpuAtEnd.at - cpuAtStart.at) / 1000),
      machineLoad: loads.reduce((sum, load) => sum + load, 0) / loads.length,
      standInAnswer: spread(answerMs),
      loopDelay: {
        p50: loop.percentile(50) / 1e6 - LOOP_RESOLUTION_MS,
        p99: loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS,
        max: loop.max / 1e6 - LOOP_RESOLUTION_MS,
      },
      timedOut,
    };
  } finally {
    loop.disable();
    telegram.stop();
    await app?.stop();
    process.off("exit", killApp);
    await Promise.all([telegramServer.close(), stripeServer.close()]);
  }
}

// The app's first update loads the webhook route, the bot and its database connections: one
// greeting (no payload, so no funnel row) before the clock starts, as a running shop would be.
async function warmUp(telegram: ReturnType<typeof createTelegramStandIn>) {
  const user = { id: 499_999_999, is_bot: false, first_name: "Warm", language_code: "en" };
  telegram.userSends(user, "/start");
  for (let i = 0; i < 300 && telegram.botMessages(user.id).length === 0; i++) await pause(100);
  if (telegram.botMessages(user.id).length === 0) throw new Error("the app never answered /start");
}
