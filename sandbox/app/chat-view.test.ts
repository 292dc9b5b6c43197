import type { Message } from "grammy/types";
import { describe, expect, test } from "vitest";
import { messageView, startPayloadOf } from "./chat-view";

describe("startPayloadOf", () => {
  test("reads the payload of a link to this bot", () => {
    expect(startPayloadOf("https://t.me/promo_sandbox_bot?start=q_abc", "promo_sandbox_bot")).toBe(
      "q_abc",
    );
    expect(startPayloadOf("https://t.me/Promo_Sandbox_Bot", "promo_sandbox_bot")).toBe("");
  });

  test("leaves other links to the browser", () => {
    expect(startPayloadOf("https://t.me/other_bot?start=x", "promo_sandbox_bot")).toBeUndefined();
    expect(startPayloadOf("http://localhost:3000/pay", "promo_sandbox_bot")).toBeUndefined();
    expect(startPayloadOf("not a url", "promo_sandbox_bot")).toBeUndefined();
  });
});

test("a channel post shows its photo, caption and both kinds of button", () => {
  const post = {
    message_id: 7,
    date: 1_800_000_000,
    chat: { id: -100, type: "channel", title: "Shop" },
    sender_chat: { id: -100, type: "channel", title: "Shop" },
    photo: [
      { file_id: "small", file_unique_id: "s", width: 90, height: 90 },
      { file_id: "large", file_unique_id: "l", width: 800, height: 800 },
    ],
    caption: "Tea €9.50",
    caption_entities: [{ type: "bold", offset: 0, length: 3 }],
    reply_markup: {
      inline_keyboard: [
        [{ text: "Buy", url: "https://t.me/promo_sandbox_bot?start=q_1" }],
        [{ text: "Sold out", callback_data: "soldout" }],
      ],
    },
  } as Message;
  expect(messageView(post, 1, "promo_sandbox_bot")).toEqual({
    id: 7,
    chatId: -100,
    fromBot: true,
    date: 1_800_000_000,
    text: "Tea €9.50",
    entities: [{ type: "bold", offset: 0, length: 3 }],
    photo: "large",
    buttons: [
      [
        {
          text: "Buy",
          kind: "url",
          url: "https://t.me/promo_sandbox_bot?start=q_1",
          startPayload: "q_1",
        },
      ],
      [{ text: "Sold out", kind: "callback", data: "soldout" }],
    ],
    edited: false,
  });
});
