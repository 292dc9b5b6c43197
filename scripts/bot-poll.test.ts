import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { migratedTestDatabaseUrl } from "@/test/database";

const telegram = createTelegramSimulator();
let server: ServedHandler;
beforeAll(async () => {
  server = await serveFetchHandler(telegram.handle);
});
afterAll(() => server.close());

it("`npm run bot:poll` answers a buyer by long polling, configured only by its settings", async () => {
  // One process (no npx or tsx wrapper in between), so stopping it stops the bot.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bot-poll.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: await migratedTestDatabaseUrl("bot_poll"),
      TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
      TELEGRAM_WEBHOOK_SECRET: "poll-mode-needs-no-webhook",
      TELEGRAM_API_ROOT: server.url,
      STRIPE_SECRET_KEY: "sk_test_poll",
      STRIPE_WEBHOOK_SECRET: "whsec_poll",
    },
    stdio: "ignore",
  });
  try {
    const buyer = { id: 950_001, first_name: "Pia", language_code: "en" };
    const delivery = await telegram.start(buyer);
    expect(delivery.via).toBe("queue");
    for (let i = 0; i < 200 && !telegram.lastMessage(buyer.id)?.from?.is_bot; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(telegram.lastMessage(buyer.id)?.text).toContain("Hi Pia!");
  } finally {
    // Stops as Ctrl+C would: the bot finishes its poll and the process exits by itself.
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }
}, 60_000);
