import { Bot, webhookCallback } from "grammy";
import { describe, expect, it, onTestFinished } from "vitest";
import { serveFetchHandler } from "../serve";
import { DEFAULT_BOT } from "./simulator";
import { buyer, SECRET, setup } from "./test-support";

describe("Telegram simulator: webhooks", () => {
  it("delivers updates to a grammY webhook with the secret, and records a refused one", async () => {
    const { sim, url } = await setup();
    const bot = new Bot(DEFAULT_BOT.token, { client: { apiRoot: url } });
    bot.command("start", (ctx) => ctx.reply(`payload: ${ctx.match}`));
    const app = await serveFetchHandler(webhookCallback(bot, "std/http", { secretToken: SECRET }));
    onTestFinished(() => app.close());
    await bot.api.setWebhook(`${app.url}/api/telegram`, { secret_token: SECRET });

    const delivery = await sim.start(buyer, "abc");

    expect(delivery).toMatchObject({ via: "webhook", status: 200 });
    expect(delivery.update.message).toMatchObject({
      text: "/start abc",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
      from: { id: buyer.id, is_bot: false, language_code: "de" },
    });
    expect(sim.messages(buyer.id).map((m) => [m.from?.id, m.text])).toEqual([
      [buyer.id, "/start abc"],
      [DEFAULT_BOT.id, "payload: abc"],
    ]);

    const forged = await sim.deliver(
      { ...delivery.update, update_id: 999 },
      { secretToken: "forged" },
    );
    expect(forged).toMatchObject({
      status: 401,
      error: expect.stringMatching(/^Wrong response from the webhook: 401/),
    });
    expect(sim.messages(buyer.id)).toHaveLength(2);
    expect(await bot.api.getWebhookInfo()).toMatchObject({
      url: `${app.url}/api/telegram`,
      pending_update_count: 0,
      last_error_date: expect.any(Number),
      last_error_message: expect.stringMatching(/^Wrong response from the webhook: 401/),
    });
    // Produced updates continue after the hand-made id.
    expect((await sim.sendText(buyer, "hello")).update.update_id).toBe(1000);
  });

  it("runs a method the webhook answers with (grammY's webhook reply)", async () => {
    const { sim, url } = await setup();
    const bot = new Bot(DEFAULT_BOT.token, {
      client: { apiRoot: url, canUseWebhookReply: (method) => method === "sendMessage" },
    });
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    const app = await serveFetchHandler(webhookCallback(bot, "std/http"));
    onTestFinished(() => app.close());
    await bot.api.setWebhook(app.url);

    await sim.sendText(buyer, "hi");

    expect(sim.lastMessage(buyer.id)?.text).toBe("echo: hi");
    expect(sim.calls("sendMessage")).toMatchObject([{ via: "webhook-reply", ok: true }]);
  });

  it("records an unreachable webhook like Telegram", async () => {
    const { sim, api } = await setup();
    const gone = await serveFetchHandler(async () => new Response());
    await gone.close();
    await api.setWebhook(gone.url);

    expect(await sim.start(buyer)).toMatchObject({
      via: "webhook",
      status: 0,
      error: "Connection refused",
    });
    expect(await api.getWebhookInfo()).toMatchObject({ last_error_message: "Connection refused" });
  });
});
