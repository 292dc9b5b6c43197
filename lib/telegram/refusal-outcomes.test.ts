import { Api, InlineKeyboard } from "grammy";
import { describe, expect, it, onTestFinished } from "vitest";
import { serveFetchHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { refusalOutcomes } from "./refusal-outcomes";
import { isMessageGone, telegramRefusal } from "./telegram-error";

const buyer = { id: 6001, first_name: "Bea", language_code: "en" };

/** grammY's Api against the Telegram simulator, with the transformer under test. */
async function setup() {
  const sim = createTelegramSimulator();
  const server = await serveFetchHandler(sim.handle);
  onTestFinished(() => server.close());
  const blocked: number[] = [];
  const api = new Api(DEFAULT_BOT.token, { apiRoot: server.url });
  api.config.use(refusalOutcomes({ recordBlocked: async (id) => void blocked.push(id) }));
  sim.markStarted(buyer);
  return { sim, api, blocked };
}

describe("refusalOutcomes", () => {
  it("takes a late or second answer to a button press as answered", async () => {
    const { sim, api } = await setup();
    const offer = await api.sendMessage(buyer.id, "Buy?", {
      reply_markup: new InlineKeyboard().text("Yes", "yes"),
    });
    const press = await sim.pressButton(buyer, offer, "yes");
    const id = press.update.callback_query?.id ?? "";
    expect(await api.answerCallbackQuery(id)).toBe(true);
    expect(await api.answerCallbackQuery(id)).toBe(true);
    expect(sim.calls("answerCallbackQuery").map((call) => call.ok)).toEqual([true, false]);
  });

  it("takes an edit to what the message already shows as done, and leaves a gone one to the caller", async () => {
    const { sim, api } = await setup();
    const keyboard = new InlineKeyboard().text("Older »", "status:2");
    const page = await api.sendMessage(buyer.id, "Page 1", { reply_markup: keyboard });
    const same = { reply_markup: keyboard };
    expect(await api.editMessageText(buyer.id, page.message_id, "Page 1", same)).toBe(true);
    expect(await api.editMessageReplyMarkup(buyer.id, page.message_id, same)).toBe(true);
    expect(sim.calls("editMessageText")[0]?.error?.description).toContain("not modified");

    await api.deleteMessage(buyer.id, page.message_id);
    const gone = await api.editMessageText(buyer.id, page.message_id, "Page 2").catch((e) => e);
    expect(isMessageGone(gone)).toBe(true);
  });

  it("records a user who blocked the bot and fails the call as 'recipient gone'", async () => {
    const { sim, api, blocked } = await setup();
    await sim.blockBot(buyer.id);
    const error = await api.sendMessage(buyer.id, "Your order shipped").catch((e) => e);
    expect(error).toMatchObject({
      name: "TelegramRecipientGone",
      method: "sendMessage",
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
      chatId: buyer.id,
    });
    expect(blocked).toEqual([buyer.id]);
  });

  it("leaves every other refusal as grammY's error", async () => {
    const { api, blocked } = await setup();
    const error = await api
      .sendMessage(buyer.id, "<b>unclosed", { parse_mode: "HTML" })
      .catch((e) => e);
    expect(error).toMatchObject({ name: "GrammyError", error_code: 400 });
    expect(telegramRefusal(error)?.description).toContain("can't parse entities");
    expect(blocked).toEqual([]);
  });
});
