import type { InlineKeyboardMarkup, Message, Update, User } from "grammy/types";
import { createWebhookDelivery, type Delivery } from "./telegram-delivery";
import { readBotApiParams, type Params } from "./telegram-params";
import type { FloodControl } from "./telegram-flood-control";
import type { Refusal } from "./telegram-refusals";

/** A live-looking bot: a 10-digit id and a 35-character secret, as @BotFather issues them. */
export const LIVE_BOT = {
  id: 7012345678,
  token: "7012345678:AAHk3v9Qm2ZpXwL7tR4yBn8JcD1fGs6Ue0o",
  username: "promo_live_check_bot",
  first_name: "Promo Live",
} as const;

/** A call the stand-in received, and what it answered. */
export interface ApiCall {
  method: string;
  chatId?: number;
  at: number;
  answer: "ok" | "hang" | number;
}

interface FailureRule {
  method: string;
  chatId?: number;
  times: number;
  failure: Refusal | "hang";
}

type Result = { result: unknown } | Refusal;

/**
 * Telegram's Bot API as a bot sees it (https://core.telegram.org/bots/api): methods under
 * /bot<token>/<method> answered `{ok:true,result}` or `{ok:false,error_code,description}`;
 * every message the bot sends is kept per chat with Telegram's message ids (one sequence per
 * chat, shared with the user's own messages). Told to, it refuses or hangs a call; given flood
 * control, it refuses messages over Telegram's rate limits with 429. Its other
 * side delivers users' updates to the webhook (telegram-delivery.ts).
 */
export function createTelegramStandIn({ floodControl }: { floodControl?: FloodControl } = {}) {
  const botUser: User = { id: LIVE_BOT.id, is_bot: true, first_name: LIVE_BOT.first_name };
  const chats = new Map<number, { nextMessageId: number; messages: Message[] }>();
  const rules: FailureRule[] = [];
  const calls: ApiCall[] = [];
  // Users who watch their chats: each is told of every message the bot sends, as it arrives.
  const watchers: Array<(message: Message) => void> = [];
  const delivery = createWebhookDelivery();
  let nextUpdateId = 800_000_000;

  const chatOf = (id: number) => {
    if (!chats.has(id)) chats.set(id, { nextMessageId: 1, messages: [] });
    return chats.get(id)!;
  };
  // A private chat is named after its user (known once they wrote); a negative id is a channel.
  const names = new Map<number, string>();
  const chatFields = (id: number): Message["chat"] =>
    id > 0
      ? { id, type: "private", first_name: names.get(id) ?? "User" }
      : { id, type: "channel", title: "Shop" };

  function newMessage(chatId: number, from: User, fields: object): Message {
    const chat = chatOf(chatId);
    if (!from.is_bot) names.set(chatId, from.first_name);
    const message = {
      message_id: chat.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chatFields(chatId),
      from,
      ...fields,
    } as Message;
    chat.messages.push(message);
    if (from.is_bot) for (const watch of watchers) watch(message);
    return message;
  }

  function findMessage(params: Params) {
    const messages = chatOf(Number(params.chat_id)).messages;
    return messages.find((message) => message.message_id === Number(params.message_id));
  }

  const bad = (description: string): Refusal => ({
    error_code: 400,
    description: `Bad Request: ${description}`,
  });

  // HTML and Markdown are parsed into entities by Telegram; the text kept is what users see.
  const visible = (text: string, params: Params) =>
    params.parse_mode === "HTML"
      ? text
          .replace(/<[^>]*>/g, "")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, "&")
      : text;

  // Text 1–4096 characters, a caption 0–1024, both counted after entity parsing.
  function send(params: Params, kind: "text" | "caption", fields: (text: string) => object) {
    if (params.chat_id === undefined) return bad("chat_id is empty");
    const text = visible(String(params[kind] ?? ""), params);
    if (kind === "text" && text.length === 0) return bad("message text is empty");
    if (text.length > (kind === "text" ? 4096 : 1024)) {
      return bad(kind === "text" ? "message is too long" : "message caption is too long");
    }
    const markup = params.reply_markup as InlineKeyboardMarkup | undefined;
    return {
      result: newMessage(Number(params.chat_id), botUser, {
        ...fields(text),
        ...(markup ? { reply_markup: markup } : {}),
      }),
    };
  }

  function edit(params: Params, change: Partial<Message>): Result {
    const message = findMessage(params);
    if (!message) return bad("message to edit not found");
    const same = (Object.keys(change) as Array<keyof Message>).every(
      (key) => JSON.stringify(message[key]) === JSON.stringify(change[key]),
    );
    if (same) {
      return bad(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    Object.assign(message, change, { edit_date: Math.floor(Date.now() / 1000) });
    return { result: message };
  }

  const file = (id: string) => ({ file_id: `file-${id}`, file_unique_id: `u-${id}` });
  const methods: Record<string, (params: Params) => Result> = {
    getMe: () => ({
      result: {
        ...botUser,
        username: LIVE_BOT.username,
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      },
    }),
    setWebhook: (params) => {
      delivery.deliverTo({
        urls: [String(params.url)],
        secretToken: params.secret_token === undefined ? undefined : String(params.secret_token),
        maxConnections: Number(params.max_connections ?? 40),
      });
      return { result: true };
    },
    getWebhookInfo: () => {
      const target = delivery.target();
      const lastError = delivery.lastError();
      return {
        result: {
          url: target?.urls[0] ?? "",
          has_custom_certificate: false,
          pending_update_count: delivery.pendingCount(),
          max_connections: target?.maxConnections ?? 40,
          ...(lastError && {
            last_error_date: lastError.date,
            last_error_message: lastError.message,
          }),
        },
      };
    },
    sendMessage: (params) => send(params, "text", (text) => ({ text })),
    sendPhoto: (params) =>
      send(params, "caption", (caption) => ({
        photo: [{ ...file(`photo-${Date.now()}`), width: 800, height: 800 }],
        ...(caption ? { caption } : {}),
      })),
    sendDocument: (params) =>
      send(params, "caption", (caption) => ({
        document: { ...file(`doc-${Date.now()}`), file_name: "document.pdf" },
        ...(caption ? { caption } : {}),
      })),
    editMessageText: (params) =>
      edit(params, {
        text: visible(String(params.text ?? ""), params),
        reply_markup: params.reply_markup as InlineKeyboardMarkup | undefined,
      }),
    editMessageCaption: (params) =>
      edit(params, {
        caption: visible(String(params.caption ?? ""), params),
        reply_markup: params.reply_markup as InlineKeyboardMarkup | undefined,
      }),
    editMessageReplyMarkup: (params) =>
      edit(params, { reply_markup: params.reply_markup as InlineKeyboardMarkup | undefined }),
    deleteMessage: (params) => {
      const messages = chatOf(Number(params.chat_id)).messages;
      const index = messages.findIndex((m) => m.message_id === Number(params.message_id));
      if (index < 0) return bad("message to delete not found");
      messages.splice(index, 1);
      return { result: true };
    },
    ...Object.fromEntries(
      [
        "deleteWebhook",
        "answerCallbackQuery",
        "setMyCommands",
        "deleteMyCommands",
        "setChatMenuButton",
        "setMyDescription",
        "setMyShortDescription",
      ].map((name) => [name, () => ({ result: true })]),
    ),
  };

  function takeFailure(method: string, chatId: number | undefined) {
    const rule = rules.find(
      (r) => r.times > 0 && r.method === method && (r.chatId === undefined || r.chatId === chatId),
    );
    if (!rule) return undefined;
    rule.times -= 1;
    return rule.failure;
  }

  const refuse = (refusal: Refusal) =>
    Response.json({ ok: false, ...refusal }, { status: refusal.error_code });

  async function handle(request: Request): Promise<Response> {
    const [, token, method] = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(request.url).pathname) ?? [];
    if (!token || !method) return refuse({ error_code: 404, description: "Not Found" });
    if (token !== LIVE_BOT.token) return refuse({ error_code: 401, description: "Unauthorized" });
    const params = await readBotApiParams(request);
    const chatId = params.chat_id === undefined ? undefined : Number(params.chat_id);
    const call: ApiCall = { method, chatId, at: Date.now(), answer: "ok" };
    calls.push(call);
    const failure = takeFailure(method, chatId);
    if (failure === "hang") {
      call.answer = "hang";
      return new Promise<never>(() => {});
    }
    const outcome = failure ?? floodControl?.(method, chatId) ?? methods[method]?.(params);
    if (!outcome) return refuse({ error_code: 404, description: "Not Found: method not found" });
    if ("error_code" in outcome) {
      call.answer = outcome.error_code;
      return refuse(outcome);
    }
    return Response.json({ ok: true, result: outcome.result });
  }

  function deliver(update: Update, chatId: number): Delivery {
    return delivery.enqueue(update, `chat:${chatId}`);
  }

  return {
    handle,
    /** Stops redelivering (the end of a test). */
    stop: () => delivery.stop(),
    /** A load balancer in front of several app copies: deliveries alternate between them. */
    deliverTo: (urls: string[], secretToken: string) =>
      delivery.deliverTo({ urls, secretToken, maxConnections: 40 }),
    deliveries: delivery.deliveries,
    /** The next `times` calls of `method` (to `chatId`, if given) fail this way. */
    failWhen(
      { method, chatId, times = 1 }: { method: string; chatId?: number; times?: number },
      failure: Refusal | "hang",
    ) {
      rules.push({ method, chatId, times, failure });
    },
    calls: (method?: string, chatId?: number) =>
      calls.filter(
        (c) => (!method || c.method === method) && (chatId === undefined || c.chatId === chatId),
      ),
    /** Calls `watch` with every message the bot sends from now on, when Telegram takes it. */
    onBotMessage(watch: (message: Message) => void) {
      watchers.push(watch);
    },
    /** What the bot sent into a chat (and did not delete), oldest first. */
    botMessages: (chatId: number) =>
      (chats.get(chatId)?.messages ?? []).filter((m) => m.from?.id === LIVE_BOT.id),
    /** The user sends a text (a /command gets its bot_command entity, as Telegram adds). */
    userSends(user: User, text: string): Delivery {
      const command = /^\/\w+/.exec(text)?.[0];
      const message = newMessage(user.id, user, {
        text,
        ...(command && { entities: [{ type: "bot_command", offset: 0, length: command.length }] }),
      });
      return deliver({ update_id: nextUpdateId++, message: message as Update["message"] }, user.id);
    },
    /** The user taps an inline button of one of the bot's messages. */
    userPresses(user: User, message: Message, data: string): Delivery {
      const callback_query = {
        id: `${user.id}-${nextUpdateId}`,
        from: user,
        message,
        chat_instance: `ci-${user.id}`,
        data,
      } as Update["callback_query"];
      return deliver({ update_id: nextUpdateId++, callback_query }, user.id);
    },
  };
}

export type TelegramStandIn = ReturnType<typeof createTelegramStandIn>;
