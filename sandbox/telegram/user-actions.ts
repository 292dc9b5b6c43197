import type { ChatMember, Message, MessageEntity, Update } from "grammy/types";
import { rightsIn } from "./chats";
import { appendMessage, findMessage, privateChatOf, privateHistory } from "./history";
import { administrator, asUser, botUser } from "./members";
import { unixTime, type BotState, type World } from "./state";
import type { BotRights, Delivery, SimUser } from "./types";
import { produceUpdate } from "./updates";

// What a Telegram client lets a user do, turned into the updates Telegram would send. These
// throw plain Errors for what no client could do (press a button that is not there): that is
// a mistake in the test or sandbox, not an API error the bot should see.

export function rememberUser(bot: BotState, user: SimUser): void {
  bot.users.set(user.id, user);
}

/** The user opens the private chat: from now on the bot may write to them. */
export function markStarted(bot: BotState, user: SimUser | number): void {
  const known =
    typeof user === "number"
      ? (bot.users.get(user) ?? { id: user, first_name: `User ${user}` })
      : user;
  rememberUser(bot, known);
  bot.started.add(known.id);
}

export async function sendText(
  world: World,
  bot: BotState,
  user: SimUser,
  text: string,
): Promise<Delivery> {
  if (text.trim() === "" || text.length > 4096) {
    throw new Error("a Telegram client sends text of 1 to 4096 characters");
  }
  // Writing to a blocked bot means pressing "Restart" first, which unblocks it.
  if (bot.blocked.has(user.id)) await setBlocked(world, bot, user.id, false);
  markStarted(bot, user);
  const command = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?/.exec(text);
  const entities: MessageEntity[] = command
    ? [{ type: "bot_command", offset: 0, length: command[0].length }]
    : [];
  const message = appendMessage(privateHistory(bot, user), (message_id) => ({
    message_id,
    from: asUser(user),
    chat: privateChatOf(user),
    date: unixTime(world),
    text,
    ...(entities.length > 0 ? { entities } : {}),
  }));
  return produceUpdate(world, bot, { message });
}

/** What tapping t.me/<bot>?start=<payload> (or the Start button) sends. */
export function start(world: World, bot: BotState, user: SimUser, payload?: string) {
  if (payload !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(payload)) {
    throw new Error("a start payload is 1 to 64 characters of A-Z, a-z, 0-9, _ and -");
  }
  return sendText(world, bot, user, payload === undefined ? "/start" : `/start ${payload}`);
}

/** Taps a callback button on a message as it is now (after any edits). */
export async function pressButton(
  world: World,
  bot: BotState,
  user: SimUser,
  ref: Pick<Message, "chat" | "message_id">,
  data: string,
): Promise<Delivery> {
  const isChannel = ref.chat.type === "channel";
  if (!isChannel && ref.chat.id !== user.id) {
    throw new Error(`user ${user.id} cannot see the private chat ${ref.chat.id}`);
  }
  const history = isChannel
    ? world.channels.get(ref.chat.id)?.history
    : bot.privateChats.get(ref.chat.id);
  const message = history && findMessage(history, ref.message_id);
  if (!message) throw new Error(`message ${ref.message_id} is not in chat ${ref.chat.id}`);
  const buttons = message.reply_markup?.inline_keyboard.flat() ?? [];
  if (!buttons.some((button) => "callback_data" in button && button.callback_data === data)) {
    throw new Error(`message ${ref.message_id} has no button with callback_data "${data}"`);
  }
  if (isChannel) rememberUser(bot, user);
  else markStarted(bot, user);
  const query = {
    id: `${bot.me.id}${String(++bot.counters.callbackQueries).padStart(6, "0")}`,
    from: asUser(user),
    message,
    chat_instance: chatInstance(bot, ref.chat.id),
    data,
  };
  // Registered before delivery: a webhook answers the query while the delivery is under way.
  bot.callbackQueries.set(query.id, {
    query,
    answered: false,
    pressedAt: world.now().getTime(),
  });
  const delivery = await produceUpdate(world, bot, { callback_query: query });
  if (delivery.via === "dropped") bot.callbackQueries.delete(query.id);
  return delivery;
}

/** Blocking (or unblocking) the bot; Telegram tells the bot with a my_chat_member update. */
export async function setBlocked(
  world: World,
  bot: BotState,
  userId: number,
  blocked: boolean,
): Promise<Delivery | null> {
  if (bot.blocked.has(userId) === blocked) return null;
  if (blocked) bot.blocked.add(userId);
  else bot.blocked.delete(userId);
  const user = bot.users.get(userId);
  if (!user) return null;
  const member: ChatMember = { status: "member", user: botUser(bot) };
  const kicked: ChatMember = { status: "kicked", user: botUser(bot), until_date: 0 };
  return produceUpdate(world, bot, {
    my_chat_member: {
      chat: privateChatOf(user),
      from: asUser(user),
      date: unixTime(world),
      old_chat_member: blocked ? member : kicked,
      new_chat_member: blocked ? kicked : member,
    },
  });
}

/**
 * Changes the bot's standing in a channel. With `by` (the admin who did it) the bot gets the
 * my_chat_member update Telegram sends, e.g. when a seller makes it an admin.
 */
export async function setBotRights(
  world: World,
  bot: BotState,
  channelId: number,
  rights: BotRights,
  by?: SimUser,
): Promise<Delivery | null> {
  const channel = world.channels.get(channelId);
  if (!channel) throw new Error(`no channel ${channelId}; add it with addChannel first`);
  const before = rightsIn(channel, bot);
  channel.rights.set(bot.me.id, rights);
  if (!by || before === rights) return null;
  const update: Omit<Update, "update_id"> = {
    my_chat_member: {
      chat: channel.chat,
      from: asUser(by),
      date: unixTime(world),
      old_chat_member: membership(bot, before),
      new_chat_member: membership(bot, rights),
    },
  };
  return produceUpdate(world, bot, update);
}

function membership(bot: BotState, rights: BotRights): ChatMember {
  if (rights === "admin") return administrator(botUser(bot));
  return { status: rights === "member" ? "member" : "left", user: botUser(bot) };
}

/** Telegram's chat_instance: an opaque signed 64-bit number, stable per bot and chat. */
function chatInstance(bot: BotState, chatId: number): string {
  return String(BigInt.asIntN(64, BigInt(chatId) * 6364136223846793005n + BigInt(bot.me.id)));
}
