import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard, type Context } from "grammy";
import type { Message } from "grammy/types";
import { isMessageGone } from "@/lib/telegram/telegram-error";
import type { BotContext, Translate } from "@/bot/context";

export type Dialog = Conversation<BotContext, Context>;

/** One button of a dialog question. */
export interface Button {
  label: string;
  data: string;
  /** Typed words that mean this button besides its label (e.g. "yes", "confirm"). */
  words?: string[];
}

/** A typed answer as compared with a button: case, spaces, emoji and punctuation aside. */
export function typedWord(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The button a typed answer names (its label or one of its words), if any. */
export function buttonNamed(buttons: Button[], text: string): Button | undefined {
  const typed = typedWord(text);
  if (typed === "") return undefined;
  return buttons.find((button) =>
    [button.label, ...(button.words ?? [])].some((word) => typedWord(word) === typed),
  );
}

export function keyboardOf(rows: Button[][]): InlineKeyboard {
  return InlineKeyboard.from(
    rows.map((row) => row.map((b) => InlineKeyboard.text(b.label, b.data))),
  );
}

/**
 * Takes the keyboard off a question once it is answered, so its buttons cannot be tapped
 * again (an old Confirm under a paid order). A message the buyer deleted has none to take off.
 */
export async function removeButtons(ctx: Context, question: Message): Promise<void> {
  try {
    await ctx.api.editMessageReplyMarkup(question.chat.id, question.message_id);
  } catch (error) {
    if (!isMessageGone(error)) throw error;
  }
}

/** Whether a callback query was made on `question` (a button of an older message is not). */
export function tappedOn(answer: Context, question: Message): boolean {
  const on = answer.callbackQuery?.message?.message_id;
  return on === undefined || on === question.message_id;
}

/**
 * Waits for one of `question`'s buttons, tapped or typed (its label or one of its words), and
 * returns its callback data. Anything else is answered with a hint once per question: a buyer
 * who types six times while the buttons wait is told once, not six times.
 */
export async function waitForButton(
  dialog: Dialog,
  question: Message,
  buttons: Button[],
  t: Translate,
): Promise<string> {
  let hinted = false;
  for (;;) {
    const answer = await dialog.wait();
    const query = answer.callbackQuery;
    if (query) {
      const pressed = buttons.find((button) => button.data === query.data);
      if (pressed && tappedOn(answer, question)) {
        await answer.answerCallbackQuery();
        await removeButtons(answer, question);
        return pressed.data;
      }
      await answer.answerCallbackQuery({ text: t("button-expired") });
      continue;
    }
    const named =
      answer.message?.text === undefined ? undefined : buttonNamed(buttons, answer.message.text);
    if (named) {
      await removeButtons(answer, question);
      return named.data;
    }
    if (!hinted) {
      hinted = true;
      await answer.reply(t("use-buttons"));
    }
  }
}

/** Sends a question with buttons (rows as shown) and waits for one of them, tapped or typed. */
export async function askChoice(
  dialog: Dialog,
  ctx: Context,
  text: string,
  rows: Button[][],
  t: Translate,
): Promise<string> {
  const question = await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboardOf(rows) });
  return waitForButton(dialog, question, rows.flat(), t);
}
