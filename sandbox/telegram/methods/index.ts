import { getMe, deleteMyCommands, getMyCommands, setMyCommands } from "./bot-info";
import { answerCallbackQuery } from "./callback-query";
import { getChat, getChatAdministrators, getChatMember } from "./chat-info";
import { deleteMessage, editMessageCaption, editMessageReplyMarkup, editMessageText } from "./edit";
import { getFile } from "./files";
import { getUpdates } from "./get-updates";
import type { MethodHandler } from "./method";
import { sendChatAction, sendMessage, sendPhoto } from "./send";
import { sendMediaGroup } from "./send-media-group";
import { deleteWebhook, getWebhookInfo, setWebhook } from "./webhook";

/** The Bot API methods the simulator implements, by their canonical names. */
const METHODS: Record<string, MethodHandler> = {
  getMe,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  getUpdates,
  sendMessage,
  sendPhoto,
  sendMediaGroup,
  sendChatAction,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
  getChat,
  getChatMember,
  getChatAdministrators,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  getFile,
};

const BY_LOWER_CASE = new Map(
  Object.entries(METHODS).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

/** Telegram matches method names case-insensitively. */
export function findMethod(name: string): { name: string; handler: MethodHandler } | undefined {
  return BY_LOWER_CASE.get(name.toLowerCase());
}
