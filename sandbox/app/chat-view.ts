import type { InlineKeyboardButton, Message, MessageEntity } from "grammy/types";

/** A button as the sandbox page draws it. */
export type ButtonView =
  | { text: string; kind: "callback"; data: string }
  | { text: string; kind: "url"; url: string; startPayload?: string };

/** One message as the sandbox page draws it: what a Telegram client would show. */
export interface MessageView {
  id: number;
  chatId: number;
  fromBot: boolean;
  date: number;
  text: string;
  entities: MessageEntity[];
  /** The largest size's file id, served by /sandbox/api/photo/<id>. */
  photo?: string;
  buttons: ButtonView[][];
  edited: boolean;
}

/** A Telegram client opens t.me/<bot>?start=<payload> as "/start <payload>" in the bot's chat. */
export function startPayloadOf(url: string, botUsername: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const isBotLink =
    /^(www\.)?(t\.me|telegram\.me)$/i.test(parsed.hostname) &&
    parsed.pathname.replace(/^\//, "").toLowerCase() === botUsername.toLowerCase();
  return isBotLink ? (parsed.searchParams.get("start") ?? "") : undefined;
}

function buttonView(button: InlineKeyboardButton, botUsername: string): ButtonView | undefined {
  if ("callback_data" in button) {
    return { text: button.text, kind: "callback", data: button.callback_data };
  }
  if ("url" in button) {
    const payload = startPayloadOf(button.url, botUsername);
    return {
      text: button.text,
      kind: "url",
      url: button.url,
      ...(payload !== undefined ? { startPayload: payload } : {}),
    };
  }
  return undefined;
}

export function messageView(message: Message, botId: number, botUsername: string): MessageView {
  const photo = message.photo?.at(-1)?.file_id;
  return {
    id: message.message_id,
    chatId: message.chat.id,
    // Channel posts have no `from`; in the sandbox only the bot posts there.
    fromBot: message.from ? message.from.id === botId : true,
    date: message.date,
    text: message.text ?? message.caption ?? "",
    entities: message.entities ?? message.caption_entities ?? [],
    ...(photo ? { photo } : {}),
    buttons: (message.reply_markup?.inline_keyboard ?? []).map((row) =>
      row.flatMap((button) => buttonView(button, botUsername) ?? []),
    ),
    edited: message.edit_date !== undefined,
  };
}
