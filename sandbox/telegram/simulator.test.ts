import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, InlineKeyboard, InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import { DEFAULT_BOT } from "./simulator";
import { buyer, png, setup } from "./test-support";

describe("Telegram simulator through grammY", () => {
  it("sends, formats, uploads and edits like the Bot API", async () => {
    const { sim, api } = await setup();
    expect(await api.getMe()).toMatchObject({
      id: DEFAULT_BOT.id,
      is_bot: true,
      username: DEFAULT_BOT.username,
    });
    sim.markStarted(buyer);

    const offer = await api.sendMessage(buyer.id, "<b>Mug</b> &amp; <i>more</i>", {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text("Buy", "buy:1"),
    });
    expect(offer).toMatchObject({
      message_id: 1,
      from: { id: DEFAULT_BOT.id, is_bot: true },
      chat: { id: buyer.id, type: "private", first_name: "Bea" },
      text: "Mug & more",
      entities: [
        { type: "bold", offset: 0, length: 3 },
        { type: "italic", offset: 6, length: 4 },
      ],
      reply_markup: { inline_keyboard: [[{ text: "Buy", callback_data: "buy:1" }]] },
    });

    const image = png(640, 480);
    const photo = await api.sendPhoto(buyer.id, new InputFile(image, "mug.png"), {
      caption: "Mug",
    });
    expect(photo.message_id).toBe(2);
    expect(photo.caption).toBe("Mug");
    expect(photo.photo?.at(-1)).toMatchObject({ width: 640, height: 480, file_size: image.length });
    expect(sim.calls("sendPhoto")[0]?.params.photo).toEqual({
      filename: "mug.png",
      size: image.length,
    });
    const fileId = photo.photo?.at(-1)?.file_id ?? "";
    expect(Buffer.from(sim.file(fileId)?.data ?? [])).toEqual(image);
    // A file_id sent again is the same photo.
    const again = await api.sendPhoto(buyer.id, fileId);
    expect(again.photo).toEqual(photo.photo);

    const pay = new InlineKeyboard().url("Pay", "https://checkout.stripe.com/c/pay/cs_test_1");
    await api.editMessageReplyMarkup(buyer.id, offer.message_id, { reply_markup: pay });
    expect(sim.messages(buyer.id)[0]?.reply_markup).toEqual(pay);
    await expect(
      api.editMessageReplyMarkup(buyer.id, offer.message_id, { reply_markup: pay }),
    ).rejects.toMatchObject({
      error_code: 400,
      description: expect.stringContaining("message is not modified"),
    });

    // Editing the text without reply_markup drops the keyboard, as Telegram does.
    const edited = await api.editMessageText(buyer.id, offer.message_id, "Sold out");
    expect(edited).toMatchObject({ text: "Sold out", edit_date: expect.any(Number) });
    expect(edited).not.toHaveProperty("reply_markup");
    await api.deleteMessage(buyer.id, again.message_id);
    expect(sim.messages(buyer.id).map((m) => m.message_id)).toEqual([1, 2]);
  });

  it("refuses what Telegram refuses", async () => {
    const { sim, api, url } = await setup();
    sim.addChannel({ id: -1001, title: "Readers", botRights: "member" });
    sim.addChannel({ id: -1002, title: "Strangers", botRights: "none" });
    const refused = (promise: Promise<unknown>, error_code: number, description: string) =>
      expect(promise).rejects.toMatchObject({ error_code, description });

    await refused(
      api.sendMessage(buyer.id, "hi"),
      403,
      "Forbidden: bot can't initiate conversation with a user",
    );
    sim.markStarted(buyer);
    await sim.blockBot(buyer.id);
    await refused(api.sendMessage(buyer.id, "hi"), 403, "Forbidden: bot was blocked by the user");
    await sim.unblockBot(buyer.id);

    await refused(
      api.sendMessage(buyer.id, "x".repeat(4097)),
      400,
      "Bad Request: message is too long",
    );
    await refused(api.sendMessage(buyer.id, " "), 400, "Bad Request: message text is empty");
    await refused(
      api.sendPhoto(buyer.id, new InputFile(png(10, 10)), { caption: "x".repeat(1025) }),
      400,
      "Bad Request: message caption is too long",
    );
    const longData = new InlineKeyboard().text("Buy", "x".repeat(65));
    await refused(
      api.sendMessage(buyer.id, "hi", { reply_markup: longData }),
      400,
      "Bad Request: BUTTON_DATA_INVALID",
    );
    const local = new InlineKeyboard().url("Open", "http://localhost:3000/p/1");
    await refused(
      api.sendMessage(buyer.id, "hi", { reply_markup: local }),
      400,
      "Bad Request: inline keyboard button URL 'http://localhost:3000/p/1' is invalid: Wrong HTTP URL",
    );
    await refused(
      api.sendMessage(buyer.id, "1 < 2", { parse_mode: "HTML" }),
      400,
      'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2',
    );
    await refused(
      api.sendMessage(-1001, "hi"),
      400,
      "Bad Request: need administrator rights in the channel chat",
    );
    await refused(
      api.sendMessage(-1002, "hi"),
      403,
      "Forbidden: bot is not a member of the channel chat",
    );
    await refused(api.sendMessage(-1003, "hi"), 400, "Bad Request: chat not found");

    const unauthorized = await fetch(`${url}/bot123:wrong/getMe`);
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({
      ok: false,
      error_code: 401,
      description: "Unauthorized",
    });
    const unknown = await fetch(`${url}/bot${DEFAULT_BOT.token}/sendTelepathy`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      ok: false,
      description: "Not Found: method not found",
    });
  });

  it("injects a 429 that auto-retry waits out, delivering the message exactly once", async () => {
    const { sim, url } = await setup();
    const bot = new Bot(DEFAULT_BOT.token, { client: { apiRoot: url } });
    bot.api.config.use(autoRetry());
    sim.markStarted(buyer);
    sim.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });

    await bot.api.sendMessage(buyer.id, "Your order is paid");

    expect(sim.messages(buyer.id)).toHaveLength(1);
    expect(sim.calls("sendMessage").map((call) => call.error?.error_code ?? "ok")).toEqual([
      429,
      "ok",
    ]);
  });

  it("reads parameters from query strings, urlencoded and plain multipart bodies", async () => {
    const { sim, url } = await setup();
    sim.markStarted(buyer);
    const base = `${url}/bot${DEFAULT_BOT.token}`;

    const byQuery = await fetch(`${base}/sendMessage?chat_id=${buyer.id}&text=from%20query`);
    expect(await byQuery.json()).toMatchObject({ ok: true, result: { text: "from query" } });
    const byForm = await fetch(`${base}/sendMessage`, {
      method: "POST",
      body: new URLSearchParams({
        chat_id: String(buyer.id),
        text: "from form",
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "Go", callback_data: "go" }]] }),
      }),
    });
    expect(await byForm.json()).toMatchObject({
      result: { reply_markup: { inline_keyboard: [[{ callback_data: "go" }]] } },
    });

    const form = new FormData();
    form.set("chat_id", String(buyer.id));
    form.set("photo", new Blob([new Uint8Array(png(100, 50))]), "plain.png");
    const byMultipart = await fetch(`${base}/sendPhoto`, { method: "POST", body: form });
    expect(await byMultipart.json()).toMatchObject({
      ok: true,
      result: {
        photo: [
          { width: 90, height: 45 },
          { width: 100, height: 50 },
        ],
      },
    });
  });
});
