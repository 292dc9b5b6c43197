import type { Chat, Message } from "grammy/types";
import type { BotState, ChatHistory } from "./state";
import type { SimUser } from "./types";

export function newHistory(chat: Chat): ChatHistory {
  return { chat, nextMessageId: 1, messages: [], sentByBot: new Map() };
}

export function privateChatOf(user: SimUser): Chat.PrivateChat {
  return {
    id: user.id,
    type: "private",
    first_name: user.first_name,
    ...(user.last_name !== undefined ? { last_name: user.last_name } : {}),
    ...(user.username !== undefined ? { username: user.username } : {}),
  };
}

/** The private chat between the bot and a user, opened on first use. */
export function privateHistory(bot: BotState, user: SimUser): ChatHistory {
  let history = bot.privateChats.get(user.id);
  if (!history) {
    history = newHistory(privateChatOf(user));
    bot.privateChats.set(user.id, history);
  }
  return history;
}

/** Appends a message, giving it the chat's next message_id. */
export function appendMessage<M extends Message>(
  history: ChatHistory,
  build: (messageId: number) => M,
  sentByBotId?: number,
): M {
  const message = build(history.nextMessageId++);
  history.messages.push(message);
  if (sentByBotId !== undefined) history.sentByBot.set(message.message_id, sentByBotId);
  return message;
}

export function findMessage(history: ChatHistory, messageId: number): Message | undefined {
  return history.messages.find((message) => message.message_id === messageId);
}

export function replaceMessage(history: ChatHistory, message: Message): void {
  const index = history.messages.findIndex((m) => m.message_id === message.message_id);
  if (index !== -1) history.messages[index] = message;
}

export function removeMessage(history: ChatHistory, messageId: number): boolean {
  const index = history.messages.findIndex((m) => m.message_id === messageId);
  if (index === -1) return false;
  history.messages.splice(index, 1);
  return true;
}
