import { InlineKeyboard } from "grammy";
import { describe, expect, it } from "vitest";
import { DEFAULT_BOT } from "./simulator";
import { buyer, seller, setup } from "./test-support";

describe("Telegram simulator: channels", () => {
  it("knows channels: rights, membership, posts as the channel, and strangers pressing buttons", async () => {
    const { sim, api } = await setup();
    const channel = sim.addChannel({
      id: -1001234567890,
      title: "Sam's Shop",
      username: "samshop",
      owner: seller,
    });

    expect(await api.getChatMember(channel.id, DEFAULT_BOT.id)).toMatchObject({
      status: "administrator",
      can_post_messages: true,
    });
    expect(await api.getChatMember("@samshop", seller.id)).toMatchObject({ status: "creator" });
    expect(await api.getChat("@samshop")).toMatchObject({
      id: channel.id,
      type: "channel",
      title: "Sam's Shop",
    });

    const post = await api.sendMessage("@samshop", "Mug, 12 €", {
      reply_markup: new InlineKeyboard()
        .url("Buy", `https://t.me/${DEFAULT_BOT.username}?start=p_1`)
        .text("Save", "save:1"),
    });
    expect(post).toMatchObject({
      chat: { id: channel.id, type: "channel" },
      sender_chat: { id: channel.id },
    });
    expect(post).not.toHaveProperty("from");
    expect(sim.messages(channel.id)).toHaveLength(1);

    // A reader who never opened the bot can press a button, but cannot be written to.
    await sim.pressButton(buyer, post, "save:1");
    await expect(api.sendMessage(buyer.id, "Saved")).rejects.toMatchObject({ error_code: 403 });

    const demoted = await sim.setBotRights(channel.id, "member", { by: seller });
    expect(demoted?.update.my_chat_member).toMatchObject({
      from: { id: seller.id },
      old_chat_member: { status: "administrator" },
      new_chat_member: { status: "member" },
    });
    await expect(api.sendMessage(channel.id, "Mug")).rejects.toMatchObject({
      description: "Bad Request: need administrator rights in the channel chat",
    });
  });
});

describe("Telegram simulator: who runs a channel", () => {
  it("answers getChatMember for each person as Telegram does, and follows promotions and demotions", async () => {
    const { sim, api } = await setup();
    const editor = { id: 5003, first_name: "Eda" };
    const reader = { id: 5004, first_name: "Rik" };
    const channel = sim.addChannel({
      id: -1001234567891,
      title: "Sam's Other Shop",
      owner: seller,
      admins: [editor, { id: 5005, first_name: "Vi", canPostMessages: false }],
      members: [reader],
    });
    sim.markStarted(buyer);

    expect(await api.getChatMember(channel.id, seller.id)).toMatchObject({
      status: "creator",
      user: { id: seller.id, is_bot: false },
    });
    expect(await api.getChatMember(channel.id, editor.id)).toMatchObject({
      status: "administrator",
      can_post_messages: true,
    });
    const viewer = await api.getChatMember(channel.id, 5005);
    expect(viewer).toMatchObject({ status: "administrator", can_post_messages: false });
    expect(viewer.user).toEqual({ id: 5005, first_name: "Vi", is_bot: false });
    expect(await api.getChatMember(channel.id, reader.id)).toMatchObject({ status: "member" });
    // Someone the bot has met but who is not in the channel; someone it never met.
    expect(await api.getChatMember(channel.id, buyer.id)).toMatchObject({ status: "left" });
    await expect(api.getChatMember(channel.id, 5999)).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: user not found",
    });
    expect((await api.getChatAdministrators(channel.id)).map((m) => m.status)).toEqual([
      "creator",
      "administrator",
      "administrator",
      "administrator",
    ]);

    sim.setMemberStatus(channel.id, editor, "member");
    expect(await api.getChatMember(channel.id, editor.id)).toMatchObject({ status: "member" });
    sim.setMemberStatus(channel.id, reader, "administrator", { canPostMessages: false });
    expect(await api.getChatMember(channel.id, reader.id)).toMatchObject({
      status: "administrator",
      can_post_messages: false,
    });
    sim.setMemberStatus(channel.id, seller, "left");
    expect(await api.getChatMember(channel.id, seller.id)).toMatchObject({ status: "left" });
  });
});
