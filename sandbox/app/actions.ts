import { z } from "zod";
import type { Delivery } from "@/sandbox/telegram/types";
import { messageView, type MessageView } from "./chat-view";
import { findPerson, sandboxChannel, sandboxPeople, type SandboxPerson } from "./people";
import type { SandboxRuntime } from "./runtime";

const person = z
  .number()
  .int()
  .refine((id) => findPerson(id) !== undefined, "unknown person");

/** What the sandbox page can do as the person it shows: what a Telegram client lets them do. */
export const sandboxAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("send"), as: person, text: z.string().trim().min(1).max(4096) }),
  z.object({
    action: z.literal("press"),
    as: person,
    chatId: z.number().int(),
    messageId: z.number().int(),
    data: z.string().min(1).max(64),
  }),
  z.object({
    action: z.literal("start"),
    as: person,
    payload: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
  }),
  z.object({ action: z.literal("language"), as: person, language: z.enum(["en", "de"]) }),
]);
export type SandboxAction = z.infer<typeof sandboxAction>;

export type ActionResult =
  { ok: true; alert?: { text: string; showAlert: boolean } } | { ok: false; error: string };

export interface SandboxState {
  bot: { username: string; name: string };
  me: SandboxPerson;
  people: SandboxPerson[];
  chat: MessageView[];
  channel: { title: string; username: string; posts: MessageView[] };
}

function asPerson(runtime: SandboxRuntime, id: number): SandboxPerson {
  const found = findPerson(id);
  if (!found) throw new Error(`unknown person ${id}`);
  const language = runtime.languages.get(id);
  return language ? { ...found, language_code: language } : found;
}

/** The bot's chat with one person and the test channel, as that person's Telegram shows them. */
export function sandboxState(runtime: SandboxRuntime, as: number): SandboxState {
  const { telegram } = runtime;
  const view = (chatId: number) =>
    telegram
      .messages(chatId)
      .map((message) => messageView(message, telegram.me.id, telegram.me.username));
  return {
    bot: { username: telegram.me.username, name: telegram.me.first_name },
    me: asPerson(runtime, as),
    people: sandboxPeople.map((each) => asPerson(runtime, each.id)),
    chat: view(as),
    channel: {
      title: sandboxChannel.title,
      username: sandboxChannel.username,
      posts: view(sandboxChannel.id),
    },
  };
}

export async function performAction(
  runtime: SandboxRuntime,
  input: SandboxAction,
): Promise<ActionResult> {
  const { telegram } = runtime;
  if (input.action === "language") {
    runtime.languages.set(input.as, input.language);
    return { ok: true };
  }
  const user = asPerson(runtime, input.as);
  let delivery: Delivery;
  try {
    if (input.action === "send") delivery = await telegram.sendText(user, input.text);
    else if (input.action === "start") delivery = await telegram.start(user, input.payload);
    else {
      const chat = telegram.messages(input.chatId).find((m) => m.message_id === input.messageId);
      if (!chat) return { ok: false, error: "That message is gone." };
      delivery = await telegram.pressButton(user, chat, input.data);
    }
  } catch (error) {
    // Something no Telegram client could do, e.g. a button an edit has just removed.
    return { ok: false, error: (error as Error).message };
  }
  if (delivery.status !== 200) {
    return {
      ok: false,
      error: `The bot did not take the update (${delivery.error ?? delivery.status}).`,
    };
  }
  const queryId = delivery.update.callback_query?.id;
  if (!queryId) return { ok: true };
  // Telegram shows a callback answer's text as a toast, or as a dialog with show_alert.
  const answer = telegram
    .calls("answerCallbackQuery")
    .find((call) => call.params.callback_query_id === queryId);
  const text = answer?.params.text;
  return typeof text === "string" && text
    ? { ok: true, alert: { text, showAlert: answer?.params.show_alert === true } }
    : { ok: true };
}
