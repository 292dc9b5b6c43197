import type { Message } from "grammy/types";
import { badRequest } from "../api-error";
import { writableChat, type Target } from "../chats";
import { captionFields, checkLength, readFormatted, textFields } from "../formatting";
import { appendMessage, findMessage } from "../history";
import { botUser } from "../members";
import { omit } from "../objects";
import { chatIdParam, optionalBool, optionalInt, optionalJson, optionalString } from "../params";
import { resolvePhoto } from "../photos";
import { readReplyMarkup } from "../reply-markup";
import { unixTime, type BotState, type World } from "../state";
import type { MethodCall } from "./method";

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

export function sendMessage({ world, bot, params }: MethodCall): Message {
  const target = writableChat(world, bot, chatIdParam(params));
  const text = readFormatted(params, "text", "entities");
  if (!text || text.text.trim() === "") throw badRequest("message text is empty");
  checkLength(text, 4096, "message is too long");
  const markup = readReplyMarkup(params, { allowLocalUrls: world.allowLocalButtonUrls });
  return postMessage(world, bot, target, {
    ...replyFields(target, params),
    ...textFields(text),
    ...(markup ? { reply_markup: markup } : {}),
  });
}

export function sendPhoto({ world, bot, params }: MethodCall): Message {
  const target = writableChat(world, bot, chatIdParam(params));
  const caption = readFormatted(params, "caption", "caption_entities");
  if (caption) checkLength(caption, 1024, "message caption is too long");
  const markup = readReplyMarkup(params, { allowLocalUrls: world.allowLocalButtonUrls });
  const photo = resolvePhoto(bot, params.photo);
  return postMessage(world, bot, target, {
    ...replyFields(target, params),
    photo,
    ...captionFields(caption),
    ...(optionalBool(params, "show_caption_above_media") ? { show_caption_above_media: true } : {}),
    ...(optionalBool(params, "has_spoiler") ? { has_media_spoiler: true } : {}),
    ...(markup ? { reply_markup: markup } : {}),
  });
}

export function sendChatAction({ world, bot, params }: MethodCall): true {
  writableChat(world, bot, chatIdParam(params));
  if (!CHAT_ACTIONS.has(optionalString(params, "action") ?? "")) {
    throw badRequest("wrong parameter action in request");
  }
  return true;
}

type Content = Omit<Message, "message_id" | "date" | "chat">;

/** Stores a message the bot sends; in a channel it is posted as the channel, as Telegram does. */
export function postMessage(
  world: World,
  bot: BotState,
  target: Target,
  content: Content,
): Message {
  const chat = target.history.chat;
  return appendMessage(
    target.history,
    (message_id): Message => ({
      message_id,
      ...(target.kind === "channel" ? { sender_chat: chat } : { from: botUser(bot) }),
      date: unixTime(world),
      chat,
      ...content,
    }),
    bot.me.id,
  );
}

/** reply_parameters (or the older reply_to_message_id) become reply_to_message. */
export function replyFields(target: Target, params: MethodCall["params"]): Content {
  const reply = optionalJson(
    params,
    "reply_parameters",
    "can't parse reply parameters JSON object",
  );
  const fields = (typeof reply === "object" && reply !== null ? reply : {}) as Record<
    string,
    unknown
  >;
  const id = optionalInt(fields, "message_id") ?? optionalInt(params, "reply_to_message_id");
  if (id === undefined) return {};
  const original = findMessage(target.history, id);
  const lenient =
    optionalBool(fields, "allow_sending_without_reply") ??
    optionalBool(params, "allow_sending_without_reply");
  if (!original && !lenient) throw badRequest("message to be replied not found");
  // A reply carries its original one level deep only.
  return original
    ? { reply_to_message: { ...omit(original, "reply_to_message"), reply_to_message: undefined } }
    : {};
}
