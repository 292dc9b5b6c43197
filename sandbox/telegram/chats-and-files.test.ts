import { Api, InlineKeyboard, InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import { DEFAULT_BOT } from "./simulator";
import { buyer, png, setup } from "./test-support";

describe("Telegram simulator: chats, commands and files", () => {
  it("answers getChat, chat actions and per-scope commands", async () => {
    const { sim, api } = await setup();
    await expect(api.getChat(buyer.id)).rejects.toMatchObject({
      description: "Bad Request: chat not found",
    });
    sim.markStarted(buyer);
    expect(await api.getChat(buyer.id)).toMatchObject({
      id: buyer.id,
      type: "private",
      username: "bea",
    });
    expect(await api.sendChatAction(buyer.id, "typing")).toBe(true);

    const commands = [{ command: "orders", description: "Your orders" }];
    await api.setMyCommands(commands, { language_code: "de" });
    expect(await api.getMyCommands({ language_code: "de" })).toEqual(commands);
    expect(await api.getMyCommands()).toEqual([]);
    await expect(
      api.setMyCommands([{ command: "Orders", description: "x" }]),
    ).rejects.toMatchObject({
      description: "Bad Request: BOT_COMMAND_INVALID",
    });
  });

  it("serves uploaded photos through getFile and the file URL", async () => {
    const { sim, api, url } = await setup();
    sim.markStarted(buyer);
    const image = png(2000, 1000);
    const sent = await api.sendPhoto(buyer.id, new InputFile(image, "big.png"));
    expect(sent.photo?.map((size) => size.width)).toEqual([90, 320, 800, 1280, 2000]);

    const file = await api.getFile(sent.photo?.at(-1)?.file_id ?? "");
    const download = await fetch(`${url}/file/bot${DEFAULT_BOT.token}/${file.file_path}`);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(image);
  });

  it("sends a photo again by the file_id it gave this bot, and refuses any other", async () => {
    const other = { ...DEFAULT_BOT, token: "1000000002:other-token", id: 1000000002 };
    const { sim, api, url } = await setup({ bots: [DEFAULT_BOT, other] });
    const otherApi = new Api(other.token, { apiRoot: url });
    sim.markStarted(buyer);
    sim.bot(other.id).markStarted(buyer);
    const sent = await api.sendPhoto(buyer.id, new InputFile(png(640, 480), "mug.png"));
    const fileId = sent.photo.at(-1)?.file_id ?? "";
    expect((await api.sendPhoto(buyer.id, fileId)).photo).toEqual(sent.photo);

    const unknown = {
      error_code: 400,
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    };
    await expect(api.sendPhoto(buyer.id, "AgACAgIAAxkBAAIBnever-issued")).rejects.toMatchObject(
      unknown,
    );
    // file_ids are per bot: another bot's is unknown to this one.
    await expect(otherApi.sendPhoto(buyer.id, fileId)).rejects.toMatchObject(unknown);
    // Nor is a file_id from before a reset (or of another simulator) ever another photo.
    sim.reset();
    sim.markStarted(buyer);
    await api.sendPhoto(buyer.id, new InputFile(png(640, 480), "other.png"));
    await expect(api.sendPhoto(buyer.id, fileId)).rejects.toMatchObject(unknown);
    // The call log tells an upload ({ filename, size }) from a send by file_id (the string).
    expect(sim.calls("sendPhoto").map((call) => call.params.photo)).toEqual([
      { filename: "other.png", size: png(640, 480).length },
      fileId,
    ]);
  });

  it("tells the bot about blocks, forgets everything on reset, and lets replays be answered", async () => {
    const { sim, api } = await setup();
    const first = await sim.start(buyer);
    const blocked = await sim.blockBot(buyer.id);
    expect(blocked?.update.my_chat_member).toMatchObject({
      chat: { id: buyer.id },
      new_chat_member: { status: "kicked", user: { id: DEFAULT_BOT.id } },
    });
    // Writing again means restarting the bot, which unblocks it first.
    await sim.sendText(buyer, "/start");
    expect((await api.getUpdates()).map((u) => Object.keys(u)[1])).toEqual([
      "message",
      "my_chat_member",
      "my_chat_member",
      "message",
    ]);

    const offer = await api.sendMessage(buyer.id, "Buy?", {
      reply_markup: new InlineKeyboard().text("Yes", "yes"),
    });
    const press = await sim.pressButton(buyer, offer, "yes");
    await api.answerCallbackQuery(press.update.callback_query?.id ?? "");
    await expect(
      api.answerCallbackQuery(press.update.callback_query?.id ?? ""),
    ).rejects.toMatchObject({ error_code: 400 });

    sim.reset();
    expect(sim.messages(buyer.id)).toEqual([]);
    expect(sim.calls()).toEqual([]);
    await expect(api.sendMessage(buyer.id, "hi")).rejects.toMatchObject({ error_code: 403 });
    const pressed = press.update.callback_query;
    if (!pressed) throw new Error("a button press makes a callback_query update");
    const replay = {
      update_id: first.update.update_id + 100,
      callback_query: { ...pressed, id: "replayed" },
    };
    await sim.deliver(replay);
    expect(await api.answerCallbackQuery("replayed")).toBe(true);
  });
});
