import { Bot, InlineKeyboard } from "grammy";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { DEFAULT_BOT } from "./simulator";
import { buyer, setup } from "./test-support";

describe("Telegram simulator: long polling", () => {
  it("serves long polling to bot.start(), with callback queries answered once", async () => {
    const { sim, api, url } = await setup();
    sim.markStarted(buyer);
    const offer = await api.sendMessage(buyer.id, "Mug, 12 €", {
      reply_markup: new InlineKeyboard().text("Buy", "buy:1"),
    });
    const bot = new Bot(DEFAULT_BOT.token, { client: { apiRoot: url } });
    bot.callbackQuery("buy:1", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Added" });
      await ctx.editMessageText("Mug, 12 € (in your cart)");
    });
    const polling = bot.start();
    onTestFinished(() => bot.stop());

    const press = await sim.pressButton(buyer, offer, "buy:1");
    expect(press).toMatchObject({ via: "queue", status: 0 });
    expect(press.update.callback_query).toMatchObject({
      from: { id: buyer.id },
      data: "buy:1",
      message: { message_id: offer.message_id },
    });
    expect(sim.pendingCallbackQueries()).toHaveLength(1);

    await vi.waitFor(() =>
      expect(sim.lastMessage(buyer.id)?.text).toBe("Mug, 12 € (in your cart)"),
    );
    expect(sim.pendingCallbackQueries()).toEqual([]);
    expect(sim.calls("answerCallbackQuery")[0]?.params).toMatchObject({ text: "Added" });
    // The button is gone after the edit, so it can no longer be pressed.
    await expect(sim.pressButton(buyer, offer, "buy:1")).rejects.toThrow(/no button/);
    await bot.stop();
    await polling;
  });

  it("answers getUpdates with offsets, allowed_updates and conflicts as Telegram does", async () => {
    const { sim, api } = await setup();
    await sim.sendText(buyer, "one");
    await sim.sendText(buyer, "two");
    await sim.sendText(buyer, "three");

    expect((await api.getUpdates()).map((u) => u.message?.text)).toEqual(["one", "two", "three"]);
    expect((await api.getUpdates({ offset: 2 })).map((u) => u.update_id)).toEqual([2, 3]);
    expect((await api.getUpdates({ offset: -1 })).map((u) => u.update_id)).toEqual([3]);
    expect(await api.getWebhookInfo()).toMatchObject({ url: "", pending_update_count: 1 });

    await api.getUpdates({ offset: 4, allowed_updates: ["message"] });
    const offer = await api.sendMessage(buyer.id, "Buy?", {
      reply_markup: new InlineKeyboard().text("Yes", "y"),
    });
    expect(await sim.pressButton(buyer, offer, "y")).toMatchObject({ via: "dropped" });
    const started = Date.now();
    expect(await api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    await api.setWebhook("https://shop.example.com/api/telegram");
    await expect(api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
  });
});
