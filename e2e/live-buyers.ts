import type { Message, User } from "grammy/types";
import { eventually } from "./live-shop";
import type { TelegramStandIn } from "./stand-ins/telegram-bot-api";

// The buyers' side of the live cases: who they are, what they send, and what they received.

export function buyer(id: number, n: number): User {
  return { id, is_bot: false, first_name: `Buyer${n}`, language_code: "en" };
}

export function buyers(firstId: number, count: number): User[] {
  return Array.from({ length: count }, (_, i) => buyer(firstId + i, i));
}

export const isGreeting = (message: Message) =>
  (message.text ?? "").includes("I am the shop bot of this channel");

/** Buyers the bot never answered, and those it answered more than once. */
export function tally(telegram: TelegramStandIn, people: User[], isAnswer = isGreeting) {
  const counts = people.map((person) => ({
    id: person.id,
    answers: telegram.botMessages(person.id).filter(isAnswer).length,
  }));
  return {
    unanswered: counts.filter((c) => c.answers === 0).map((c) => c.id),
    duplicated: counts.filter((c) => c.answers > 1).map((c) => c.id),
  };
}

/** How many updates were acknowledged (before `until`, if given). */
export const acknowledged = (telegram: TelegramStandIn, until = Infinity) =>
  telegram.deliveries().filter((d) => d.acknowledgedAt && d.acknowledgedAt < until).length;

/** Every delivery try the webhook did not answer 200 (a status, or "no answer"). */
export const unsuccessfulTries = (telegram: TelegramStandIn) =>
  telegram
    .deliveries()
    .flatMap((d) => d.tries)
    .filter((status) => status !== 200);

/** When the bot's sends to each chat went out, in ms from `from` ("a&b" per chat). */
export const sendTimes = (telegram: TelegramStandIn, chatIds: number[], from: number) =>
  chatIds
    .map((id) => telegram.calls("sendMessage", id).map((call) => call.at - from))
    .map((times) => times.join("&"))
    .join(" ");
export const allAcknowledged = (telegram: TelegramStandIn) => () =>
  telegram.deliveries().every((d) => d.acknowledgedAt);

/** Every buyer's /start, all at once; Telegram sends them 40 at a time. */
export function burstOfStarts(telegram: TelegramStandIn, people: User[]) {
  return people.map((person) => telegram.userSends(person, "/start"));
}

/** A buyer's chat: the bot's messages since a mark, and tapping a button by its label. */
export function buyerChat(telegram: TelegramStandIn, person: User) {
  const messages = () => telegram.botMessages(person.id);
  const tap = (label: string) => {
    const message = messages().at(-1);
    const button = message?.reply_markup?.inline_keyboard
      .flat()
      .find((b) => b.text === label && "callback_data" in b);
    if (!message || !button || !("callback_data" in button)) {
      throw new Error(`no "${label}" button for ${person.id}`);
    }
    telegram.userPresses(person, message, button.callback_data);
  };
  /** Waits for `count` bot messages after the first `mark` and returns them. */
  const since = async (mark: number, count: number, what: string, ms = 15_000) => {
    await eventually(() => messages().length >= mark + count, `${what} for ${person.id}`, ms);
    return messages().slice(mark);
  };
  return { mark: () => messages().length, tap, since };
}

/** The first line of each message. */
export const texts = (messages: Message[]) => messages.map((m) => (m.text ?? "").split("\n")[0]);
