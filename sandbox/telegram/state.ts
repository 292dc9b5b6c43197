import type {
  BotCommand,
  CallbackQuery,
  Chat,
  Message,
  PhotoSize,
  Update,
  UserFromGetMe,
} from "grammy/types";
import type { ApiErrorBody } from "./api-error";
import type { Params } from "./request-params";
import type {
  ApiCall,
  BotConfig,
  BotRights,
  ChannelAdmin,
  InjectedError,
  SimUser,
  SimulatorOptions,
  WebhookFetch,
} from "./types";

/** The messages of one chat, in order, as the bots and users see them. */
export interface ChatHistory {
  chat: Chat;
  /** Telegram numbers messages per chat, shared by both sides of the conversation. */
  nextMessageId: number;
  messages: Message[];
  /** message_id → id of the bot that sent it; only a message's own bot may edit it. */
  sentByBot: Map<number, number>;
}

export interface ChannelState {
  chat: Chat.ChannelChat;
  defaultRights: BotRights;
  /** Per-bot overrides of defaultRights (setBotRights). */
  rights: Map<number, BotRights>;
  owner?: SimUser;
  admins: ChannelAdmin[];
  /** Subscribers; absent in worlds saved before they were kept. */
  members?: SimUser[];
  /** A channel has one history whichever bot posts to it. */
  history: ChatHistory;
}

/** A file the bot sent: uploaded bytes, or a URL Telegram would have fetched. */
export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  file_size?: number;
  filename?: string;
  contentType?: string;
  data?: Uint8Array;
  url?: string;
  /** All sizes of the photo this file id belongs to. */
  photo: PhotoSize[];
}

export interface WebhookState {
  url: string;
  secretToken?: string;
  maxConnections: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

/** A getUpdates call waiting for updates. */
export interface PollWaiter {
  wake(reason: "update" | "conflict"): void;
}

export interface BotState {
  config: BotConfig;
  me: UserFromGetMe;
  webhook: WebhookState | null;
  /** Shared by setWebhook and getUpdates, as in Telegram; undefined = the default set. */
  allowedUpdates: string[] | undefined;
  queue: Update[];
  nextUpdateId: number;
  deliveriesInFlight: number;
  waiter: PollWaiter | null;
  /** Private chats, keyed by the user's id (= the chat id). */
  privateChats: Map<number, ChatHistory>;
  users: Map<number, SimUser>;
  started: Set<number>;
  blocked: Set<number>;
  /** Button presses, until answerCallbackQuery settles them (or they are too old to). */
  callbackQueries: Map<string, PressedButton>;
  /** Keyed by scope and language, see commandsKey. */
  commands: Map<string, BotCommand[]>;
  files: Map<string, StoredFile>;
  failures: Map<string, { error: InjectedError; remaining: number }>;
  calls: ApiCall[];
  counters: { files: number; callbackQueries: number };
}

/** A button press as Telegram keeps it: answerable once, within CALLBACK_ANSWER_WINDOW_MS. */
export interface PressedButton {
  query: CallbackQuery;
  answered: boolean;
  /** world.now() at the press, in ms; absent in worlds saved before it was kept. */
  pressedAt?: number;
}

// The Bot API documents no number; in practice a query not answered within about 15 s is
// refused as "too old", as is a second answer to the same query.
export const CALLBACK_ANSWER_WINDOW_MS = 15_000;

export type MethodOutcome = { ok: true; result: unknown } | ApiErrorBody;

export type CallMethod = (
  bot: BotState,
  method: string,
  params: Params,
  context: { via: ApiCall["via"]; signal?: AbortSignal },
) => Promise<MethodOutcome>;

export interface World {
  bots: Map<string, BotState>;
  channels: Map<number, ChannelState>;
  now: () => Date;
  fetch: WebhookFetch;
  webhookTimeoutMs: number;
  maxLongPollSeconds: number;
  allowLocalButtonUrls: boolean;
  /** Set by the simulator; lets webhook replies run methods without an import cycle. */
  callMethod: CallMethod;
}

export const unixTime = (world: World) => Math.floor(world.now().getTime() / 1000);

export function createBotState(config: BotConfig, firstUpdateId = 1): BotState {
  return {
    config,
    me: {
      id: config.id,
      is_bot: true,
      first_name: config.first_name,
      username: config.username,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    },
    webhook: null,
    allowedUpdates: undefined,
    queue: [],
    nextUpdateId: firstUpdateId,
    deliveriesInFlight: 0,
    waiter: null,
    privateChats: new Map(),
    users: new Map(),
    started: new Set(),
    blocked: new Set(),
    callbackQueries: new Map(),
    commands: new Map(),
    files: new Map(),
    failures: new Map(),
    calls: [],
    counters: { files: 0, callbackQueries: 0 },
  };
}

/** Forgets the bot's chats and history but keeps what it configured (webhook, commands). */
export function resetBotState(bot: BotState): void {
  const { webhook, allowedUpdates, commands, nextUpdateId, waiter } = bot;
  Object.assign(bot, createBotState(bot.config), {
    webhook: webhook && {
      url: webhook.url,
      maxConnections: webhook.maxConnections,
      ...(webhook.secretToken !== undefined ? { secretToken: webhook.secretToken } : {}),
    },
    allowedUpdates,
    commands,
    // update_id keeps counting up, so a poller's stored offset never skips a new update.
    nextUpdateId,
  });
  // A pending getUpdates answers (with nothing) rather than hold updates of the old world.
  waiter?.wake("update");
}

export function defaultOptions(options: SimulatorOptions) {
  return {
    now: options.now ?? (() => new Date()),
    fetch: options.fetch ?? ((url: string, init: RequestInit) => fetch(url, init)),
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    maxLongPollSeconds: options.maxLongPollSeconds ?? 5,
    allowLocalButtonUrls: options.allowLocalButtonUrls ?? false,
  };
}
