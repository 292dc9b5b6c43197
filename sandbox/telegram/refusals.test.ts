import { InlineKeyboard } from "grammy";
import { describe, expect, it } from "vitest";
import { buyer, setup } from "./test-support";

const TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid";

describe("Telegram simulator: refusals of late answers and stale edits", () => {
  it("refuses to answer a button press after about 15 seconds, or a second time", async () => {
    let now = Date.parse("2026-05-01T10:00:00Z");
    const { sim, api } = await setup({ now: () => new Date(now) });
    sim.markStarted(buyer);
    const offer = await api.sendMessage(buyer.id, "Buy?", {
      reply_markup: new InlineKeyboard().text("Yes", "yes"),
    });

    const late = (await sim.pressButton(buyer, offer, "yes")).update.callback_query?.id ?? "";
    now += 16_000;
    await expect(api.answerCallbackQuery(late)).rejects.toMatchObject({
      error_code: 400,
      description: TOO_OLD,
    });

    const prompt = (await sim.pressButton(buyer, offer, "yes")).update.callback_query?.id ?? "";
    now += 10_000;
    expect(await api.answerCallbackQuery(prompt)).toBe(true);
    await expect(api.answerCallbackQuery(prompt)).rejects.toMatchObject({ description: TOO_OLD });
    await expect(api.answerCallbackQuery("no-such-query")).rejects.toMatchObject({
      description: TOO_OLD,
    });
  });

  it("refuses an edit that changes nothing, and an edit of a message that is gone", async () => {
    const { sim, api } = await setup();
    sim.markStarted(buyer);
    const keyboard = new InlineKeyboard().text("Older »", "status:2");
    const page = await api.sendMessage(buyer.id, "Page 1", { reply_markup: keyboard });

    await expect(
      api.editMessageText(buyer.id, page.message_id, "Page 1", { reply_markup: keyboard }),
    ).rejects.toMatchObject({
      error_code: 400,
      description:
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    });
    // The same text with another keyboard is a change.
    expect(await api.editMessageText(buyer.id, page.message_id, "Page 1")).toMatchObject({
      text: "Page 1",
    });

    await api.deleteMessage(buyer.id, page.message_id);
    await expect(api.editMessageText(buyer.id, page.message_id, "Page 2")).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message to edit not found",
    });
  });
});
