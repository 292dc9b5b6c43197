import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Bot } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext, BotDeps } from "@/bot/context";
import { createBot } from "@/bot/index";
import { telegramInboxHandler } from "@/bot/update-inbox";
import type { DatabaseConnection } from "@/db/client";
import { drainInbox, type InboxHandlers } from "@/lib/jobs/inbox-worker";
import { drainOutbox } from "@/lib/jobs/outbox";
import { localObjectStorage } from "@/lib/platform/object-storage";
import { jobDispatcher } from "@/lib/jobs/dispatch-job";
import { jobRegistry } from "@/lib/job-registry";
import { stripeInboxHandler } from "@/lib/payments/stripe-inbox";
import { answerStripeWebhook } from "@/lib/payments/stripe-webhook";
import { answerTelegramWebhook } from "@/lib/telegram/receive-update";
import { createStripeClient } from "@/lib/payments/stripe-client";
import { createTelegramApi } from "@/lib/telegram/telegram-api";
import type { Limit } from "@/lib/platform/rate-limit";
import { serveFetchHandler, type FetchHandler } from "@/sandbox/serve";
import { createStripeSimulator } from "@/sandbox/stripe/simulator";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import type { SimUser } from "@/sandbox/telegram/types";
import { migratedTestDatabase } from "./database";

export const TELEGRAM_SECRET = "journey-telegram-webhook-secret";
export const STRIPE_KEY = "sk_test_journey";
export const STRIPE_WEBHOOK_SECRET = "whsec_journey";

/**
 * The app's buyer journey wired as in production (grammY webhook, Stripe webhook, outbox), on
 * a real PostgreSQL database, with the real grammY and Stripe SDKs pointed at the local
 * Telegram and Stripe simulators. Only the network edge is simulated. `updateLimit` replaces
 * the bot's per-user limit on updates, for a test whose count must not depend on how fast the
 * machine works through a flood.
 */
export async function startJourney(
  name: string,
  connection?: DatabaseConnection,
  { updateLimit }: { updateLimit?: Limit } = {},
) {
  const db = connection ?? (await migratedTestDatabase(name));
  const telegram = createTelegramSimulator();
  const telegramServer = await serveFetchHandler(telegram.handle);

  // The app's two webhooks on one local server, as Next's routes serve them.
  const routes: Record<string, FetchHandler> = {};
  const app = await serveFetchHandler(async (request) => {
    const route = routes[new URL(request.url).pathname];
    return route ? route(request) : new Response("not found", { status: 404 });
  });

  const stripeSim = createStripeSimulator({
    secretKey: STRIPE_KEY,
    webhookSecret: STRIPE_WEBHOOK_SECRET,
    webhookUrl: `${app.url}/api/stripe/webhook`,
  });
  // What lies between the app and Stripe (a proxy, the network), when a test puts something there.
  let stripeEdge: StripeEdge | undefined;
  const stripeServer = await serveFetchHandler((request) =>
    stripeEdge ? stripeEdge(request, stripeSim.handle) : stripeSim.handle(request),
  );
  const stripe = createStripeClient({ secretKey: STRIPE_KEY, apiBase: stripeServer.url }, db.db);

  // What the app's inbox worker does after a webhook stored something: process it. The test's
  // webhook answers once that is done, so a test reads the bot's replies right after.
  let currentBot: Bot<BotContext> | undefined;
  const handlers: InboxHandlers = {
    telegram: telegramInboxHandler(async () => currentBot!),
    stripe: stripeInboxHandler(db.db),
  };
  const processInbox = () => drainInbox(db.db, handlers);
  const afterProcessing =
    (handle: FetchHandler): FetchHandler =>
    async (request) => {
      const response = await handle(request);
      await processInbox();
      return response;
    };

  // A new bot instance is what another app copy, or this one after a restart, would run.
  const startBot = async (
    readPhoto?: BotDeps["readPhoto"],
    publicUrl = "https://shop.example.com",
  ) => {
    const bot = createBot({
      token: DEFAULT_BOT.token,
      apiRoot: telegramServer.url,
      db: db.db,
      stripe,
      publicUrl,
      readPhoto,
      updateLimit,
    });
    await bot.init();
    currentBot = bot;
    return bot;
  };
  const bot = await startBot();
  // The app's own webhooks: verify, store in the inbox, answer. While "down", Stripe's
  // deliveries fail as they would with the app unreachable; Stripe keeps them for a retry
  // (redeliver), which is how events come late and out of order.
  let stripeWebhookDown = false;
  routes["/api/telegram/webhook"] = afterProcessing((request) =>
    answerTelegramWebhook(request, { secretToken: TELEGRAM_SECRET, db: db.db }),
  );
  const stripeWebhook = afterProcessing((request) =>
    answerStripeWebhook(request, { db: db.db, stripe, webhookSecret: STRIPE_WEBHOOK_SECRET }),
  );
  routes["/api/stripe/webhook"] = (request) =>
    stripeWebhookDown
      ? Promise.resolve(new Response("unavailable", { status: 503 }))
      : stripeWebhook(request);
  await bot.api.setWebhook(`${app.url}/api/telegram/webhook`, { secret_token: TELEGRAM_SECRET });

  const telegramApi = createTelegramApi(
    { token: DEFAULT_BOT.token, apiRoot: telegramServer.url },
    db.db,
  );
  const storage = localObjectStorage(mkdtempSync(path.join(tmpdir(), `promo-${name}-files-`)));

  return {
    db,
    telegram,
    stripeSim,
    stripe,
    bot,
    appUrl: app.url,
    /** The Bot API client the outbox sends with (as the app's telegramApi()). */
    telegramApi,
    /** Makes the app's Stripe webhook unreachable (true) or reachable again (false). */
    setStripeWebhookDown(down: boolean) {
      stripeWebhookDown = down;
    },
    /**
     * Serves further updates from a fresh bot instance (a restart or another app copy), or
     * one at another public address.
     */
    restartBot: startBot,
    /** What the inbox worker does in the app: process every stored update and event now. */
    processInbox,
    /** Routes the app's Stripe calls through `edge` from now on; none to remove it. */
    routeStripeThrough(edge: StripeEdge | undefined) {
      stripeEdge = edge;
    },
    /** What the outbox worker does in the app: send every queued notification now. */
    drainOutbox: () =>
      drainOutbox(
        db.db,
        jobDispatcher(jobRegistry, {
          api: telegramApi,
          storage,
          publicUrl: "https://shop.example.com",
          stripe,
        }),
      ),
    /** Where invoices (and photos) go: a fresh local directory per journey. */
    storage,
    /** Texts of the bot's messages in a chat, oldest first. */
    botTexts(chatId: number) {
      return telegram
        .messages(chatId)
        .filter((message) => message.from?.id === DEFAULT_BOT.id)
        .map((message) => message.text ?? message.caption ?? "");
    },
    lastBotMessage(chatId: number): Message {
      const mine = telegram.messages(chatId).filter((m) => m.from?.id === DEFAULT_BOT.id);
      const last = mine.at(-1);
      if (!last) throw new Error(`the bot has not written to ${chatId}`);
      return last;
    },
    /** Presses the button with this callback data on the bot's latest message that has it. */
    async press(user: SimUser, callbackData: string) {
      const message = telegram
        .messages(user.id)
        .filter((m) => m.from?.id === DEFAULT_BOT.id)
        .reverse()
        .find((m) =>
          m.reply_markup?.inline_keyboard
            .flat()
            .some((button) => "callback_data" in button && button.callback_data === callbackData),
        );
      if (!message) throw new Error(`no button ${callbackData} in the chat with ${user.id}`);
      const delivery = await telegram.pressButton(user, message, callbackData);
      if (delivery.status !== 200) throw new Error(`update failed: ${delivery.status}`);
      return delivery;
    },
    async say(user: SimUser, text: string) {
      const delivery = await telegram.sendText(user, text);
      if (delivery.status !== 200) throw new Error(`update failed: ${delivery.status} ${text}`);
      return delivery;
    },
    async stop() {
      await Promise.all([telegramServer.close(), stripeServer.close(), app.close()]);
      if (!connection) await db.close();
    },
  };
}

export type Journey = Awaited<ReturnType<typeof startJourney>>;

/** A hop in front of the Stripe simulator: it may pass `request` on to `stripe`, or not. */
export type StripeEdge = (request: Request, stripe: FetchHandler) => Promise<Response>;

/**
 * Drives an English buyer's first order dialog (quantity 1) up to the Pay button, and returns
 * the Checkout Session behind it.
 */
export async function orderThroughBot(
  journey: Journey,
  buyer: SimUser,
  product: { id: string; deepLinkPayload: string },
) {
  await journey.telegram.start(buyer, product.deepLinkPayload);
  await journey.press(buyer, `buy:${product.id}`);
  // Asked only when more than one can be bought.
  if (journey.lastBotMessage(buyer.id).text?.startsWith("How many")) await journey.say(buyer, "1");
  for (const answer of ["Erika Mustermann", "Hauptstraße 1", "10115", "Berlin", "DE"]) {
    await journey.say(buyer, answer);
  }
  await journey.say(buyer, "erika@example.com");
  await journey.press(buyer, "dlg:confirm");
  const url = payUrl(journey.lastBotMessage(buyer.id));
  const session = journey.stripeSim.sessions().find((candidate) => candidate.url === url);
  if (!session) throw new Error(`no Checkout Session behind ${url}`);
  return session;
}

/** The Pay button's URL on the bot's latest message to this buyer. */
export function payUrl(message: Message): string {
  const button = message.reply_markup?.inline_keyboard
    .flat()
    .find((candidate) => "url" in candidate);
  if (!button || !("url" in button)) throw new Error("no Pay button");
  return button.url;
}
