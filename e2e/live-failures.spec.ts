import { expect, test } from "@playwright/test";
import type { User } from "grammy/types";
import Stripe from "stripe";
import { startPostgres, type PostgresServer } from "@/test/postgres-server";
import { startTcpProxy } from "@/test/tcp-proxy";
import {
  acknowledged,
  allAcknowledged,
  burstOfStarts,
  buyer,
  buyerChat,
  buyers,
  isGreeting,
  sendTimes,
  tally,
  texts,
  unsuccessfulTries,
} from "./live-buyers";
import { inboxState, inboxStatuses, openOrders, storedIds, workedOff } from "./live-inbox";
import {
  attachOutput,
  eventually,
  freshDatabase,
  liveSettings,
  pause,
  productOnSale,
  report,
  setWebhook,
  startLiveCopy,
  STRIPE_KEY,
  STRIPE_WEBHOOK_SECRET,
  WEBHOOK_SECRET,
  type LiveApp,
} from "./live-shop";
import { specPort } from "./ports";
import { serveStandIn, type StandInServer } from "./stand-ins/http-server";
import { createStripeStandIn } from "./stand-ins/stripe-api";
import { createTelegramStandIn, type TelegramStandIn } from "./stand-ins/telegram-bot-api";
import { refusals } from "./stand-ins/telegram-refusals";

// The live shop under failure, from outside: the exact standalone bundle in live mode (real
// tokens, a live Stripe key, PostgreSQL), with Telegram and Stripe played by stand-ins written
// from their public API documentation. Telegram's side delivers updates as Telegram does and
// redelivers whatever was not answered 2xx; every case counts what the buyers received.

const PORT = specPort(110);
const SECOND_PORT = specPort(120);
const BURST = 200;

let postgres: PostgresServer;
let telegram: TelegramStandIn;
let telegramServer: StandInServer;
let stripe: ReturnType<typeof createStripeStandIn>;
let stripeServer: StandInServer;
const copies: Record<string, LiveApp | undefined> = {};
/** Between the app and its database, in the case that stops the database. */
let proxy: Awaited<ReturnType<typeof startTcpProxy>> | undefined;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  postgres = await startPostgres();
});

test.afterAll(() => postgres?.stop());

test.beforeEach(async () => {
  telegram = createTelegramStandIn();
  telegramServer = await serveStandIn(telegram.handle);
  stripe = createStripeStandIn(STRIPE_KEY);
  stripeServer = await serveStandIn(stripe.handle);
});

test.afterEach(async ({}, testInfo) => {
  telegram.stop();
  await attachOutput(testInfo, copies);
  for (const [name, copy] of Object.entries(copies)) {
    await copy?.stop();
    delete copies[name];
  }
  await Promise.all([telegramServer.close(), stripeServer.close(), proxy?.close()]);
  proxy = undefined;
});

const settingsFor = (databaseUrl: string) =>
  liveSettings({ databaseUrl, telegramUrl: telegramServer.url, stripeUrl: stripeServer.url });

test("kill -9 mid-burst: after a restart every buyer is answered", async ({}, testInfo) => {
  test.setTimeout(150_000);
  const databaseUrl = await freshDatabase(postgres, "live_kill");
  const settings = settingsFor(databaseUrl);
  copies.first = await startLiveCopy(PORT, settings);
  await setWebhook(telegramServer.url, copies.first.url);
  const people = buyers(910_000_001, BURST);

  burstOfStarts(telegram, people);
  await eventually(() => acknowledged(telegram) >= BURST / 2, "half acknowledged", 30_000);
  await copies.first.kill();
  const atKill = {
    acknowledged: acknowledged(telegram),
    greeted: people.length - tally(telegram, people).unanswered.length,
    ...(await inboxState(databaseUrl)),
  };

  // The same database and data directory, as an orchestrator restarts a crashed task.
  copies.restarted = await startLiveCopy(PORT, settings);
  await eventually(allAcknowledged(telegram), "Telegram's redeliveries to be acknowledged", 60_000);
  // Rows the killed copy had leased wait for their lease (30 s) to lapse, then run again.
  await workedOff(databaseUrl, 90_000);
  const { unanswered, duplicated } = tally(telegram, people);
  report(testInfo, {
    acknowledgedAtKill: atKill.acknowledged,
    greetedAtKill: atKill.greeted,
    processingAtKill: atKill.leased,
    waitingAtKill: atKill.pending - atKill.leased,
    redelivered: telegram.deliveries().filter((d) => d.tries.length > 1).length,
    unanswered: unanswered.length,
    duplicated: duplicated.length,
  });
  expect(unanswered).toEqual([]);
  // A reply sent just before the kill, whose row was not yet marked done, goes out again:
  // Telegram has no idempotency key. Only the updates being processed at the kill can.
  expect(duplicated.length).toBeLessThanOrEqual(atKill.leased);
});

test("the database stopping for 8 s mid-burst: 5xx, redelivered, answered once", async ({}, testInfo) => {
  test.setTimeout(150_000);
  const databaseUrl = await freshDatabase(postgres, "live_outage");
  proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(databaseUrl).port) });
  copies.app = await startLiveCopy(PORT, settingsFor(proxy.url(databaseUrl)));
  await setWebhook(telegramServer.url, copies.app.url);
  const people = buyers(920_000_001, BURST);

  burstOfStarts(telegram, people);
  await eventually(() => acknowledged(telegram) >= BURST / 4, "a quarter acknowledged", 30_000);
  proxy.cut();
  const cutAt = Date.now();
  await pause(8_000);
  proxy.restore();

  await eventually(allAcknowledged(telegram), "every update acknowledged", 60_000);
  await workedOff(databaseUrl, 90_000);
  const failed = unsuccessfulTries(telegram);
  const { unanswered, duplicated } = tally(telegram, people);
  report(testInfo, {
    answeredBeforeCut: acknowledged(telegram, cutAt),
    refusedDeliveries: failed.length,
    statuses: [...new Set(failed)].join("/"),
    unanswered: unanswered.length,
    duplicated: duplicated.length,
    // When each duplicate's sends went out, in ms from the cut (the cut lasts 8000 ms).
    duplicateSends: sendTimes(telegram, duplicated, cutAt),
  });
  expect(failed.length).toBeGreaterThan(0);
  expect(failed.every((status) => typeof status === "number" && status >= 500)).toBe(true);
  expect(unanswered).toEqual([]);
  expect(duplicated).toEqual([]);
});

test("two copies on one database: every buyer answered once, a dialog in order", async ({}, testInfo) => {
  test.setTimeout(120_000);
  const databaseUrl = await freshDatabase(postgres, "live_two_copies");
  copies.a = await startLiveCopy(PORT, settingsFor(databaseUrl));
  copies.b = await startLiveCopy(SECOND_PORT, settingsFor(databaseUrl));
  telegram.deliverTo(
    [copies.a, copies.b].map((copy) => `${copy.url}/api/telegram/webhook`),
    WEBHOOK_SECRET,
  );
  const product = await productOnSale(databaseUrl);
  const people = buyers(930_000_001, BURST);
  const talkers = buyers(939_000_001, 5);

  burstOfStarts(telegram, people);
  const dialogs = talkers.map(async (person) => {
    const chat = buyerChat(telegram, person);
    telegram.userSends(person, `/start ${product.deepLinkPayload}`);
    await chat.since(0, 1, "the product card", 30_000);
    chat.tap("Buy");
    await chat.since(1, 1, "the first question");
    // Two answers in a row, before the bot said anything: each must meet the right question.
    telegram.userSends(person, "Lea Lehmann");
    telegram.userSends(person, "Torstraße 9");
    return texts(await chat.since(0, 4, "the answers to both"));
  });
  const conversations = await Promise.all(dialogs);

  await eventually(allAcknowledged(telegram), "every update acknowledged", 60_000);
  await workedOff(databaseUrl, 60_000);
  const { unanswered, duplicated } = tally(telegram, people);
  report(testInfo, {
    unanswered: unanswered.length,
    duplicated: duplicated.length,
    dialogMessages: talkers.map((p) => telegram.botMessages(p.id).length).join(","),
  });
  expect(unanswered).toEqual([]);
  expect(duplicated).toEqual([]);
  for (const conversation of conversations) {
    expect(conversation[0]).toContain("Espresso Blend 250 g");
    expect(conversation.slice(1)).toEqual([
      "What is your full name (for the shipping label)?",
      "Street and house number?",
      "Postcode?",
    ]);
  }
  // Each of the dialog's messages exactly once, and nothing after them.
  for (const person of talkers) expect(telegram.botMessages(person.id)).toHaveLength(4);
});

test("Telegram refusing: answered 200 at once; 429 and 500 retried once, 400 and 403 not", async ({}, testInfo) => {
  test.setTimeout(90_000);
  const databaseUrl = await freshDatabase(postgres, "live_refusing");
  copies.app = await startLiveCopy(PORT, settingsFor(databaseUrl));
  await setWebhook(telegramServer.url, copies.app.url);
  const [tooLong, blocked, tooMany, failing, fine] = [1, 2, 3, 4, 5].map((n) =>
    buyer(940_000_000 + n, n),
  ) as [User, User, User, User, User];
  const everyone = [tooLong, blocked, tooMany, failing, fine];
  telegram.failWhen({ method: "sendMessage", chatId: tooLong.id }, refusals.tooLong);
  telegram.failWhen(
    { method: "sendMessage", chatId: blocked.id, times: Infinity },
    refusals.blocked,
  );
  telegram.failWhen({ method: "sendMessage", chatId: tooMany.id }, refusals.tooMany(2));
  telegram.failWhen({ method: "sendMessage", chatId: failing.id }, refusals.internal);

  const deliveries = burstOfStarts(telegram, everyone);
  await eventually(
    () => [tooMany, failing, fine].every((p) => telegram.botMessages(p.id).some(isGreeting)),
    "the 429, 500 and untroubled buyers answered",
    30_000,
  );
  // Long enough for any further retry of the refused ones (the inbox's first is after 2 s).
  await pause(6_000);

  const sends = (person: User) => telegram.calls("sendMessage", person.id);
  const answers = (person: User) => sends(person).map((call) => call.answer);
  const statuses = await inboxStatuses(databaseUrl);
  const rowOf = (person: User) =>
    statuses.get(deliveries[everyone.indexOf(person)]!.update.update_id);
  const waited = sends(tooMany)[1]!.at - sends(tooMany)[0]!.at;
  report(testInfo, {
    webhookStatuses: [...new Set(deliveries.flatMap((d) => d.tries))].join("/"),
    tooLong: answers(tooLong).join(">"),
    blocked: answers(blocked).join(">"),
    tooMany: answers(tooMany).join(">"),
    failing: answers(failing).join(">"),
    waitedOutRetryAfterMs: waited,
  });
  // Each update answered 200 at the first delivery, whatever Telegram said to the replies.
  for (const delivery of deliveries) expect(delivery.tries).toEqual([200]);
  expect(answers(tooMany)).toEqual([429, "ok"]);
  expect(waited).toBeGreaterThanOrEqual(2_000);
  expect(answers(failing)).toEqual([500, "ok"]);
  for (const person of [tooMany, failing, fine]) {
    expect(telegram.botMessages(person.id).filter(isGreeting)).toHaveLength(1);
  }
  // Refused for good: tried once, then parked (400) or done (403, nobody to answer).
  expect(answers(tooLong)).toEqual([400]);
  expect(answers(blocked)).toEqual([403]);
  expect(rowOf(tooLong)).toBe("parked");
  expect(rowOf(blocked)).toBe("done");
});

test("Stripe failing at Confirm: the buyer is told within seconds, the next Confirm works", async ({}, testInfo) => {
  test.setTimeout(90_000);
  const databaseUrl = await freshDatabase(postgres, "live_stripe_down");
  copies.app = await startLiveCopy(PORT, settingsFor(databaseUrl));
  await setWebhook(telegramServer.url, copies.app.url);
  const product = await productOnSale(databaseUrl);
  const person = buyer(950_000_001, 0);
  const chat = buyerChat(telegram, person);

  telegram.userSends(person, `/start ${product.deepLinkPayload}`);
  await chat.since(0, 1, "the product card");
  chat.tap("Buy");
  await chat.since(1, 1, "the first question");
  // All six details typed in a row: the dialog takes them in order and sums up.
  for (const answer of ["Lea Lehmann", "Torstraße 9", "10119", "Berlin", "DE", "lea@example.com"]) {
    telegram.userSends(person, answer);
  }
  const asked = await chat.since(2, 6, "the summary");
  expect(asked.at(-1)?.text).toContain("Please check your order");

  stripe.failNextSessions(1);
  const beforeConfirm = chat.mark();
  const confirmedAt = Date.now();
  chat.tap("Confirm and pay");
  const notice = await chat.since(beforeConfirm, 2, "the outage notice and the summary", 10_000);
  const tookMs = Date.now() - confirmedAt;
  expect(notice[0]?.text).toContain("Payment is unavailable right now");
  expect(notice[1]?.text).toContain("Please check your order");

  const beforeRetry = chat.mark();
  chat.tap("Confirm and pay");
  const [ready] = await chat.since(beforeRetry, 1, "the payment link");
  const pay = ready?.reply_markup?.inline_keyboard.flat().find((b) => "url" in b);
  expect(pay && "url" in pay ? pay.url : "").toBe(stripe.sessions()[0]?.url);
  report(testInfo, { toldAfterMs: tookMs, sessions: stripe.sessions().length });
  expect(tookMs).toBeLessThan(5_000);
});

test("webhooks take in nothing they refuse: unsigned, oversized or dated ahead", async ({
  request,
}, testInfo) => {
  const databaseUrl = await freshDatabase(postgres, "live_webhook_edges");
  copies.app = await startLiveCopy(PORT, settingsFor(databaseUrl));
  const stripeHook = `${copies.app.url}/api/stripe/webhook`;
  const telegramHook = `${copies.app.url}/api/telegram/webhook`;
  // Stripe signs every event it sends (https://docs.stripe.com/webhooks#verify-events); a
  // forger can send any size. Events and updates are kilobytes.
  const big = "x".repeat(2 * 1024 * 1024);
  const signed = (payload: string, timestamp = Math.floor(Date.now() / 1000)) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_WEBHOOK_SECRET, timestamp });
  const event = (id: string) =>
    JSON.stringify({
      id,
      object: "event",
      type: "customer.created",
      data: { object: { id: "cus_edge", object: "customer" } },
    });
  const answers = {
    unsigned: (await request.post(stripeHook, { data: big })).status(),
    oversized: (
      await request.post(stripeHook, { data: big, headers: { "stripe-signature": signed(big) } })
    ).status(),
    datedAhead: (
      await request.post(stripeHook, {
        data: event("evt_ahead"),
        headers: {
          "stripe-signature": signed(event("evt_ahead"), Math.floor(Date.now() / 1000) + 600),
        },
      })
    ).status(),
    wellFormed: (
      await request.post(stripeHook, {
        data: event("evt_fine"),
        headers: { "stripe-signature": signed(event("evt_fine")) },
      })
    ).status(),
    telegramForged: (
      await request.post(telegramHook, {
        data: big,
        headers: { "x-telegram-bot-api-secret-token": "not-the-secret" },
      })
    ).status(),
    telegramOversized: (
      await request.post(telegramHook, {
        data: big,
        headers: { "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
      })
    ).status(),
  };
  report(testInfo, answers);
  expect(answers).toEqual({
    unsigned: 400,
    oversized: 413,
    datedAhead: 400,
    wellFormed: 200,
    telegramForged: 401,
    telegramOversized: 413,
  });
  // Only the well-formed event was taken in.
  expect(await storedIds(databaseUrl)).toEqual(["stripe:evt_fine"]);
});

test("one user's flood of 100 /start gets the limit's replies and one polite answer; others are served", async ({}, testInfo) => {
  test.setTimeout(150_000);
  const databaseUrl = await freshDatabase(postgres, "live_update_limit");
  copies.app = await startLiveCopy(PORT, settingsFor(databaseUrl));
  await setWebhook(telegramServer.url, copies.app.url);
  const flooder = buyer(960_000_001, 0);
  const others = buyers(960_000_100, 10);
  for (let i = 0; i < 100; i++) telegram.userSends(flooder, "/start");
  burstOfStarts(telegram, others);
  await eventually(allAcknowledged(telegram), "every update acknowledged", 60_000);
  await workedOff(databaseUrl, 90_000);
  const toFlooder = telegram.botMessages(flooder.id);
  const greetings = toFlooder.filter(isGreeting).length;
  const polite = toFlooder.filter((m) => (m.text ?? "").includes("sending messages too fast"));
  report(testInfo, { sent: 100, greetings, polite: polite.length });
  // 20 updates in 10 seconds are served; the first over the limit is told, once.
  expect(greetings).toBeLessThanOrEqual(20);
  expect(greetings).toBeGreaterThan(0);
  expect(polite).toHaveLength(1);
  expect(tally(telegram, others)).toEqual({ unanswered: [], duplicated: [] });
});

test("a buyer who confirms again holds one reservation: the first payment link is expired at Stripe", async ({}, testInfo) => {
  test.setTimeout(120_000);
  const databaseUrl = await freshDatabase(postgres, "live_one_reservation");
  copies.app = await startLiveCopy(PORT, settingsFor(databaseUrl));
  await setWebhook(telegramServer.url, copies.app.url);
  const product = await productOnSale(databaseUrl, 2);
  const person = buyer(970_000_001, 0);
  const chat = buyerChat(telegram, person);
  const pay = async () => {
    const beforeConfirm = chat.mark();
    chat.tap("Confirm and pay");
    const [ready] = await chat.since(beforeConfirm, 1, "the payment link");
    const button = ready?.reply_markup?.inline_keyboard.flat().find((b) => "url" in b);
    return button && "url" in button ? button.url : undefined;
  };
  const buy = async () => {
    const start = chat.mark();
    telegram.userSends(person, `/start ${product.deepLinkPayload}`);
    await chat.since(start, 1, "the product card");
    chat.tap("Buy");
    await chat.since(start + 1, 1, "the first question");
    return start + 2;
  };
  // Two units, one checkout after the other: the second replaces the first, one stays for others.
  // How many (with two in stock the dialog asks), then the six details.
  const answers = ["1", "Lea Lehmann", "Torstraße 9", "10119", "Berlin", "DE", "lea@example.com"];
  const afterBuy = await buy();
  for (const answer of answers) telegram.userSends(person, answer);
  const summary = await chat.since(afterBuy, answers.length, "the summary");
  expect(summary.at(-1)?.text).toContain("Please check your order");
  const first = await pay();
  // Again: the dialog offers the details of last time, and with one left asks no quantity.
  const again = await buy();
  chat.tap("Yes, use these");
  const [summaryAgain] = await chat.since(again, 1, "the summary again");
  expect(summaryAgain?.text).toContain("Please check your order");
  const second = await pay();
  await eventually(
    () => stripe.sessions()[0]?.status === "expired",
    "the first Checkout Session expired at Stripe",
    30_000,
  );
  const [firstSession, secondSession] = stripe.sessions();
  report(testInfo, {
    sessions: stripe.sessions().length,
    first: String(firstSession?.status),
    second: String(secondSession?.status),
  });
  expect(first).toBe(firstSession?.url);
  expect(second).toBe(secondSession?.url);
  expect(secondSession?.status).toBe("open");
  expect(await openOrders(databaseUrl)).toBe(1);
  // The other unit is still for sale to everyone else.
  const other = buyer(970_000_002, 1);
  telegram.userSends(other, `/start ${product.deepLinkPayload}`);
  const [card] = await buyerChat(telegram, other).since(0, 1, "another buyer's card");
  expect(card?.text).toContain("Only 1 left");
});
