import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard, type Context } from "grammy";
import {
  buyerDetailFields,
  shippingCountries,
  type BuyerDetails,
} from "@/lib/checkout/buyer-details";
import { pickCountryData } from "@/lib/telegram/callback-data";
import type { BotContext, Translate } from "@/bot/context";

export type DetailField = keyof BuyerDetails;
export const detailFields: DetailField[] = [
  "name",
  "street",
  "postcode",
  "city",
  "country",
  "email",
];
export type Dialog = Conversation<BotContext, Context>;

// The countries most buyers of a German-speaking shop pick, as one-tap buttons; any other
// allowed country can be typed as its code.
const countryButtons = ["DE", "AT", "CH", "NL", "FR", "GB"] as const;

function countryKeyboard() {
  const keyboard = new InlineKeyboard();
  countryButtons.forEach((code, i) => {
    keyboard.text(code, pickCountryData.pack({ code }));
    if (i % 3 === 2) keyboard.row();
  });
  return keyboard;
}

/** Asks for one detail until the answer passes its schema, saying exactly what was wrong. */
export async function askDetail(dialog: Dialog, ctx: Context, field: DetailField, t: Translate) {
  await ctx.reply(t(`ask-${field}`), {
    reply_markup: field === "country" ? countryKeyboard() : undefined,
  });
  for (;;) {
    const answer = await dialog.wait();
    let text = answer.message?.text;
    const tapped = pickCountryData.match(answer.callbackQuery?.data)?.code;
    if (answer.callbackQuery) await answer.answerCallbackQuery();
    if (field === "country" && tapped) text = tapped;
    const parsed = text === undefined ? undefined : buyerDetailFields[field].safeParse(text);
    if (parsed?.success) return parsed.data;
    await answer.reply(
      t(`invalid-${field}`, field === "country" ? { countries: shippingCountries.join(", ") } : {}),
    );
  }
}

/** Asks how many, from 1 to max, until the answer is a whole number in that range. */
export async function askQuantity(dialog: Dialog, ctx: Context, max: number, t: Translate) {
  await ctx.reply(t("ask-quantity", { max }));
  for (;;) {
    const answer = await dialog.wait();
    const text = answer.message?.text?.trim() ?? "";
    const quantity = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (quantity >= 1 && quantity <= max) return quantity;
    await answer.reply(t("invalid-quantity", { max }));
  }
}

/** Waits for one of the dialog's buttons; anything else is answered with a hint. */
export async function waitForChoice(dialog: Dialog, choices: RegExp, t: Translate) {
  const answer = await dialog.waitForCallbackQuery(choices, {
    otherwise: (other) => other.reply(t("use-buttons")),
  });
  await answer.answerCallbackQuery();
  return { answer, data: answer.callbackQuery.data };
}
