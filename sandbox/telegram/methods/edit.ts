import type { Message } from "grammy/types";
import { badRequest } from "../api-error";
import { writableChat, type Target } from "../chats";
import { captionFields, checkLength, readFormatted, textFields } from "../formatting";
import { findMessage, removeMessage, replaceMessage } from "../history";
import { omit, sameJson } from "../objects";
import { chatIdParam, optionalBool, requiredInt } from "../params";
import { readReplyMarkup } from "../reply-markup";
import { unixTime } from "../state";
import type { MethodCall } from "./method";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

// Every edit method replaces the inline keyboard: leaving reply_markup out removes it, as in
// Telegram (a classic bug is editing a message's text and losing its buttons).

export function editMessageText(call: MethodCall): Message {
  const { target, message } = ownMessage(call);
  const text = readFormatted(call.params, "text", "entities");
  if (!text || text.text.trim() === "") throw badRequest("message text is empty");
  checkLength(text, 4096, "message is too long");
  if (message.text === undefined) throw badRequest("there is no text in the message to edit");
  const markup = readReplyMarkup(call.params, { allowLocalUrls: call.world.allowLocalButtonUrls });
  return saveEdit(call, target, message, {
    ...omit(message, "text", "entities", "reply_markup", "edit_date"),
    ...textFields(text),
    ...(markup ? { reply_markup: markup } : {}),
  });
}

export function editMessageCaption(call: MethodCall): Message {
  const { target, message } = ownMessage(call);
  const caption = readFormatted(call.params, "caption", "caption_entities");
  if (caption) checkLength(caption, 1024, "message caption is too long");
  if (message.photo === undefined) throw badRequest("there is no caption in the message to edit");
  const markup = readReplyMarkup(call.params, { allowLocalUrls: call.world.allowLocalButtonUrls });
  const above = optionalBool(call.params, "show_caption_above_media");
  return saveEdit(call, target, message, {
    ...omit(message, "caption", "caption_entities", "reply_markup", "edit_date"),
    ...captionFields(caption),
    show_caption_above_media: (above ?? message.show_caption_above_media) || undefined,
    ...(markup ? { reply_markup: markup } : {}),
  });
}

export function editMessageReplyMarkup(call: MethodCall): Message {
  const { target, message } = ownMessage(call);
  const markup = readReplyMarkup(call.params, { allowLocalUrls: call.world.allowLocalButtonUrls });
  const edited = { ...omit(message, "reply_markup"), ...(markup ? { reply_markup: markup } : {}) };
  if (sameJson(edited, message)) throw badRequest(NOT_MODIFIED);
  // Only a content edit shows as "edited"; a new keyboard does not set edit_date.
  replaceMessage(target.history, edited);
  return edited;
}

export function deleteMessage(call: MethodCall): true {
  const { target, message } = addressedMessage(call, "delete");
  removeMessage(target.history, message.message_id);
  target.history.sentByBot.delete(message.message_id);
  return true;
}

function saveEdit(call: MethodCall, target: Target, before: Message, after: Message): Message {
  if (sameJson(after, omit(before, "edit_date"))) throw badRequest(NOT_MODIFIED);
  const edited = { ...after, edit_date: unixTime(call.world) };
  replaceMessage(target.history, edited);
  return edited;
}

function ownMessage(call: MethodCall): { target: Target; message: Message } {
  const found = addressedMessage(call, "edit");
  if (found.target.history.sentByBot.get(found.message.message_id) !== call.bot.me.id) {
    throw badRequest("message can't be edited");
  }
  return found;
}

function addressedMessage(
  { world, bot, params }: MethodCall,
  verb: "edit" | "delete",
): { target: Target; message: Message } {
  // Messages sent via inline mode are not simulated.
  if (params.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID");
  const target = writableChat(world, bot, chatIdParam(params));
  const id = requiredInt(params, "message_id", "message identifier is not specified");
  const message = findMessage(target.history, id);
  if (!message) throw badRequest(`message to ${verb} not found`);
  return { target, message };
}
