import type { CallbackQuery, Chat, Message, Update, UserFromGetMe } from "grammy/types";
import { TelegramApiError } from "./api-error";
import { callMethod } from "./dispatch";
import { newHistory } from "./history";
import { setMemberStatus } from "./members";
import { downloadFile } from "./methods/files";
import { readParams } from "./request-params";
import { loadWorld, saveWorld, type SavedWorld } from "./saved-state";
import {
  createBotState,
  defaultOptions,
  resetBotState,
  type BotState,
  type MethodOutcome,
  type World,
} from "./state";
import type {
  ApiCall,
  BotConfig,
  BotRights,
  ChannelConfig,
  Delivery,
  InjectedError,
  MemberStatus,
  SimUser,
  SimulatorOptions,
} from "./types";
import { deliverUpdate } from "./updates";
import * as act from "./user-actions";

/**
 * The bot a simulator answers for when no bots are configured. The simulator knows nothing of
 * the app: the in-app sandbox passes its own bot in (`bots`), as every other user may.
 */
export const DEFAULT_BOT: BotConfig = {
  token: "1000000001:sandbox-token-not-a-secret",
  id: 1000000001,
  username: "promo_sandbox_bot",
  first_name: "Promo Sandbox",
};

/** One bot's side of the simulator: acting as its users, and inspecting what it did. */
export interface SimulatedBot {
  readonly me: UserFromGetMe;
  readonly token: string;
  /** The chat as it is now: both sides' messages, edits applied, deletions gone. */
  messages(chatId: number): Message[];
  lastMessage(chatId: number): Message | undefined;
  /** Every API call of this bot, oldest first; only those of `method` when given. */
  calls(method?: string): ApiCall[];
  /** The next `times` calls of `method` fail with `error` instead of running. */
  failNext(method: string, error: InjectedError, times?: number): void;
  sendText(user: SimUser, text: string): Promise<Delivery>;
  start(user: SimUser, payload?: string): Promise<Delivery>;
  pressButton(
    user: SimUser,
    message: Pick<Message, "chat" | "message_id">,
    callbackData: string,
  ): Promise<Delivery>;
  /** Delivers a hand-made update as is (replays, forged secrets: null sends no secret). */
  deliver(update: Update, options?: { secretToken?: string | null }): Promise<Delivery>;
  markStarted(user: SimUser | number): void;
  blockBot(userId: number): Promise<Delivery | null>;
  unblockBot(userId: number): Promise<Delivery | null>;
  setBotRights(
    channelId: number,
    rights: BotRights,
    options?: { by?: SimUser },
  ): Promise<Delivery | null>;
  /** Button presses the bot has not answered with answerCallbackQuery yet. */
  pendingCallbackQueries(): CallbackQuery[];
  /** What the bot sent as a file: uploaded bytes, or the URL it gave. */
  file(
    fileId: string,
  ):
    | { filename?: string; size?: number; contentType?: string; data?: Uint8Array; url?: string }
    | undefined;
}

export interface TelegramSimulator extends SimulatedBot {
  /** Serves the Bot API: `/bot<token>/<method>` and `/file/bot<token>/<path>`, under any prefix. */
  handle(request: Request): Promise<Response>;
  /** Another configured bot, by token or id; the simulator itself acts for the first one. */
  bot(tokenOrId: string | number): SimulatedBot;
  addChannel(channel: ChannelConfig): Chat.ChannelChat;
  /** Makes `user` an administrator, a subscriber or a stranger of a channel (getChatMember). */
  setMemberStatus(
    channelId: number,
    user: SimUser,
    status: MemberStatus,
    options?: { canPostMessages?: boolean },
  ): void;
  /** Forgets chats, users, channels, calls and injected failures; keeps webhooks and commands. */
  reset(): void;
  /** Chats, channels, users and files as they are now, to keep across a restart. */
  save(): SavedWorld;
  /** Puts back what `save` returned (channels included); webhooks stay as they are now. */
  load(saved: SavedWorld): void;
}

export type { SavedWorld } from "./saved-state";

export function createTelegramSimulator(options: SimulatorOptions = {}): TelegramSimulator {
  const configs = options.bots ?? [DEFAULT_BOT];
  if (configs.length === 0) throw new Error("the simulator needs at least one bot");
  const world: World = {
    bots: new Map(
      configs.map((config) => [config.token, createBotState(config, options.firstUpdateId)]),
    ),
    channels: new Map(),
    ...defaultOptions(options),
    callMethod: (bot, method, params, context) => callMethod(world, bot, method, params, context),
  };
  const views = new Map([...world.bots.values()].map((bot) => [bot, viewOf(world, bot)]));
  const first = views.values().next().value as SimulatedBot;

  return {
    ...first,
    handle: (request: Request) => handle(world, request),
    bot(tokenOrId: string | number): SimulatedBot {
      const bot = [...world.bots.values()].find(
        (candidate) => candidate.config.token === tokenOrId || candidate.me.id === tokenOrId,
      );
      const view = bot && views.get(bot);
      if (!view) throw new Error(`no bot ${tokenOrId} in this simulator`);
      return view;
    },
    addChannel(channel: ChannelConfig): Chat.ChannelChat {
      const chat: Chat.ChannelChat = {
        id: channel.id,
        type: "channel",
        title: channel.title,
        ...(channel.username !== undefined ? { username: channel.username } : {}),
      };
      world.channels.set(channel.id, {
        chat,
        defaultRights: channel.botRights ?? "admin",
        rights: new Map(),
        ...(channel.owner ? { owner: channel.owner } : {}),
        admins: channel.admins ?? [],
        members: channel.members ?? [],
        history: newHistory(chat),
      });
      return chat;
    },
    setMemberStatus: (channelId, user, status, options) =>
      setMemberStatus(world, channelId, user, status, options),
    reset(): void {
      world.channels.clear();
      for (const bot of world.bots.values()) resetBotState(bot);
    },
    save: () => saveWorld(world),
    load: (saved) => loadWorld(world, saved),
  };
}

function viewOf(world: World, bot: BotState): SimulatedBot {
  const history = (chatId: number) =>
    world.channels.get(chatId)?.history ?? bot.privateChats.get(chatId);
  return {
    me: bot.me,
    token: bot.config.token,
    messages: (chatId) => structuredClone(history(chatId)?.messages ?? []),
    lastMessage: (chatId) => structuredClone(history(chatId)?.messages.at(-1)),
    calls: (method) =>
      bot.calls.filter((call) => !method || call.method.toLowerCase() === method.toLowerCase()),
    failNext(method, error, times = 1) {
      if (times < 1) bot.failures.delete(method.toLowerCase());
      else bot.failures.set(method.toLowerCase(), { error, remaining: times });
    },
    sendText: (user, text) => act.sendText(world, bot, user, text),
    start: (user, payload) => act.start(world, bot, user, payload),
    pressButton: (user, message, data) => act.pressButton(world, bot, user, message, data),
    deliver(update, options = {}) {
      // Later updates keep counting from a hand-made id, so they never look like replays.
      bot.nextUpdateId = Math.max(bot.nextUpdateId, update.update_id + 1);
      // A hand-made button press must be answerable like a real one.
      const query = update.callback_query;
      if (query && !bot.callbackQueries.has(query.id)) {
        bot.callbackQueries.set(query.id, {
          query,
          answered: false,
          pressedAt: world.now().getTime(),
        });
      }
      return deliverUpdate(world, bot, update, options);
    },
    markStarted: (user) => act.markStarted(bot, user),
    blockBot: (userId) => act.setBlocked(world, bot, userId, true),
    unblockBot: (userId) => act.setBlocked(world, bot, userId, false),
    setBotRights: (channelId, rights, options = {}) =>
      act.setBotRights(world, bot, channelId, rights, options.by),
    pendingCallbackQueries: () =>
      [...bot.callbackQueries.values()].filter((q) => !q.answered).map((q) => q.query),
    file(fileId) {
      const file = bot.files.get(fileId);
      if (!file) return undefined;
      const { filename, file_size: size, contentType, data, url } = file;
      return { filename, size, contentType, data, url };
    },
  };
}

async function handle(world: World, request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const download = /\/file\/bot([^/]+)\/(.+)$/.exec(pathname);
  const call = download ? null : /\/bot([^/]+)\/([^/]+)\/?$/.exec(pathname);
  const token = decodeURIComponent((download ?? call)?.[1] ?? "");
  if (!download && !call) return reply({ ok: false, error_code: 404, description: "Not Found" });
  const bot = world.bots.get(token);
  if (!bot) return reply({ ok: false, error_code: 401, description: "Unauthorized" });
  if (download) return downloadFile(bot, decodeURIComponent(download[2] ?? ""));
  try {
    const params = await readParams(request);
    const method = decodeURIComponent(call?.[2] ?? "");
    return reply(
      await callMethod(world, bot, method, params, { via: "http", signal: request.signal }),
    );
  } catch (error) {
    if (error instanceof TelegramApiError) return reply(error.toBody());
    throw error;
  }
}

function reply(body: MethodOutcome): Response {
  return Response.json(body, { status: body.ok ? 200 : body.error_code });
}
