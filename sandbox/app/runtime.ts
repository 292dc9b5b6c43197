import {
  SANDBOX_BOT,
  SANDBOX_ECS,
  SANDBOX_STRIPE_KEY,
  SANDBOX_STRIPE_PATH,
  stripeConnection,
  telegramConnection,
} from "@/lib/platform/connections";
import { isSandbox, settings } from "@/lib/platform/env";
import { allowedUpdates } from "@/bot/allowed-updates";
import { createEcsSimulator, type EcsSimulator } from "@/sandbox/ecs/simulator";
import { createStripeSimulator, type StripeSimulator } from "@/sandbox/stripe/simulator";
import { createTelegramSimulator, type TelegramSimulator } from "@/sandbox/telegram/simulator";
import { sandboxChannel, sandboxPeople } from "./people";
import { sandboxFile } from "./saved-sandbox";

export interface SandboxRuntime {
  telegram: TelegramSimulator;
  stripe: StripeSimulator;
  ecs: EcsSimulator;
  /** Language each person's Telegram app is set to, as switched in the sandbox page. */
  languages: Map<number, string>;
  /** Something may have changed: keep the simulators' state across restarts. */
  changed(): void;
}

// One pair of simulators per process, shared by Next's separately bundled routes.
const shared = globalThis as unknown as { promoBotSandbox?: Promise<SandboxRuntime> };

/**
 * The in-app Telegram and Stripe simulators, or undefined once real tokens are set: then every
 * sandbox route answers 404 and none of this runs.
 */
export function sandboxRuntime(): Promise<SandboxRuntime> | undefined {
  const config = settings();
  if (!isSandbox(config)) return undefined;
  shared.promoBotSandbox ??= createRuntime(config.PUBLIC_URL, config.DATA_DIR);
  return shared.promoBotSandbox;
}

async function createRuntime(publicUrl: string, dataDir: string): Promise<SandboxRuntime> {
  const telegramSide = telegramConnection();
  const stripeSide = stripeConnection();
  if (!telegramSide || !stripeSide) throw new Error("sandbox connections missing");
  const file = sandboxFile(dataDir);
  const saved = await file.read();

  // The bot remembers the update ids it handled (in the database, which outlives this
  // process); update ids must keep growing across restarts, as Telegram's do. Seconds since
  // 1970 grow faster than anyone clicks, and stay below 2^31 until 2038.
  const nowSeconds = Math.floor(Date.now() / 1000);
  // The channel's and the chats' links point at this app on localhost, which Telegram would
  // refuse as a button URL; the sandbox allows it.
  const telegram = createTelegramSimulator({
    bots: [SANDBOX_BOT],
    allowLocalButtonUrls: true,
    firstUpdateId: nowSeconds,
  });
  if (saved) {
    for (const bot of saved.telegram.bots) {
      bot.state.nextUpdateId = Math.max(bot.state.nextUpdateId, nowSeconds);
    }
    telegram.load(saved.telegram);
  }
  if (!saved?.telegram.channels.some(([id]) => id === sandboxChannel.id)) {
    // The test seller created it (so connecting it passes the dashboard's check that the seller
    // runs the channel); the buyers read it; the test admin is not in it.
    telegram.addChannel({
      ...sandboxChannel,
      owner: sandboxPeople.find((person) => person.role === "seller"),
      members: sandboxPeople.filter((person) => person.role === "buyer"),
      botRights: "admin",
    });
  }
  // The shop's accounts have opened the bot, so order notices reach them from the start.
  for (const person of sandboxPeople) {
    if (person.role !== "buyer") telegram.markStarted(person);
  }
  // What `npm run bot:webhook` does against Telegram, done to the simulator directly: the
  // server is not listening yet when this first runs.
  const registered = await telegram.handle(
    new Request(`${telegramSide.apiRoot}/bot${telegramSide.token}/setWebhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        url: telegramSide.webhookUrl,
        secret_token: telegramSide.webhookSecret,
        allowed_updates: allowedUpdates,
      }),
    }),
  );
  if (!registered.ok) throw new Error(`sandbox webhook not set: ${await registered.text()}`);

  const stripe = createStripeSimulator({
    secretKey: SANDBOX_STRIPE_KEY,
    webhookSecret: stripeSide.webhookSecret,
    webhookUrl: stripeSide.webhookUrl,
    // The checkout page is opened by the buyer's browser, which knows the app by PUBLIC_URL.
    publicUrl: new URL(SANDBOX_STRIPE_PATH, publicUrl).toString(),
  });
  if (saved) stripe.load(saved.stripe);

  // The app's ECS service, so Settings → Deploy can be tried: rollouts take a few seconds, and
  // a tag containing "broken" fails its health checks and is rolled back.
  const ecs = createEcsSimulator({
    region: SANDBOX_ECS.region,
    stepMs: 1500,
    services: [
      {
        cluster: SANDBOX_ECS.cluster,
        service: SANDBOX_ECS.service,
        image: `${SANDBOX_ECS.imageRepository}:${SANDBOX_ECS.firstTag}`,
      },
    ],
  });
  if (saved?.ecs) ecs.load(saved.ecs);
  return {
    telegram,
    stripe,
    ecs,
    languages: new Map(),
    changed: () =>
      file.saveSoon(() => ({ telegram: telegram.save(), stripe: stripe.save(), ecs: ecs.save() })),
  };
}
