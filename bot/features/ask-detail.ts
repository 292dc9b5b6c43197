import type { Context } from "grammy";
import {
  buyerDetailFields,
  shippingCountries,
  type BuyerDetails,
} from "@/lib/checkout/buyer-details";
import { pickCountryData, pickQuantityData } from "@/lib/telegram/callback-data";
import type { Translate } from "@/bot/context";
import { keyboardOf, removeButtons, tappedOn, type Button, type Dialog } from "./dialog-buttons";

export type { Dialog } from "./dialog-buttons";
export type DetailField = keyof BuyerDetails;
export const detailFields: DetailField[] = [
  "name",
  "street",
  "postcode",
  "city",
  "country",
  "email",
];

// The countries most buyers of a German-speaking shop pick, as one-tap buttons; any other
// allowed country can be typed as its code or its name.
const countryButtons = ["DE", "AT", "CH", "NL", "FR", "GB"] as const;

// Quantity buttons shown at most; beyond them "Other amount" (or a typed number).
const QUANTITY_BUTTONS = 6;

function countryRows(): Button[][] {
  const buttons = countryButtons.map((code) => ({
    label: code,
    data: pickCountryData.pack({ code }),
  }));
  return [buttons.slice(0, 3), buttons.slice(3)];
}

// A country's name as buyers type it, in English or German ("Germany", "Österreich").
const countryNames = new Map<string, string>(
  ["en", "de"].flatMap((language) => {
    const names = new Intl.DisplayNames([language], { type: "region" });
    return shippingCountries.map((code) => [names.of(code)!.toLowerCase(), code] as const);
  }),
);

/** A typed country: its code as the schema reads it, or its name mapped to the code. */
function typedCountry(text: string): string {
  return countryNames.get(text.trim().toLowerCase()) ?? text;
}

/** Asks for one detail until the answer passes its schema, saying exactly what was wrong. */
export async function askDetail(dialog: Dialog, ctx: Context, field: DetailField, t: Translate) {
  const question = await ctx.reply(t(`ask-${field}`), {
    reply_markup: field === "country" ? keyboardOf(countryRows()) : undefined,
  });
  for (;;) {
    const answer = await dialog.wait();
    let text = answer.message?.text;
    if (answer.callbackQuery) {
      const tapped = pickCountryData.match(answer.callbackQuery.data)?.code;
      const current = field === "country" && tapped && tappedOn(answer, question);
      await answer.answerCallbackQuery(current ? undefined : { text: t("button-expired") });
      if (!current) continue;
      text = tapped;
    }
    if (field === "country" && text !== undefined) text = typedCountry(text);
    const parsed = text === undefined ? undefined : buyerDetailFields[field].safeParse(text);
    if (parsed?.success) {
      if (field === "country") await removeButtons(answer, question);
      return parsed.data;
    }
    await answer.reply(
      t(`invalid-${field}`, field === "country" ? { countries: shippingCountries.join(", ") } : {}),
    );
  }
}

function quantityRows(max: number, t: Translate): Button[][] {
  const shown = max <= QUANTITY_BUTTONS ? max : QUANTITY_BUTTONS - 1;
  const numbers = Array.from({ length: shown }, (_, i) => ({
    label: String(i + 1),
    data: pickQuantityData.pack({ amount: String(i + 1) }),
  }));
  if (shown === max) return [numbers];
  return [
    numbers,
    [{ label: t("btn-other-amount"), data: pickQuantityData.pack({ amount: "other" }) }],
  ];
}

/** Asks how many, from 1 to max, as buttons or a typed whole number in that range. */
export async function askQuantity(dialog: Dialog, ctx: Context, max: number, t: Translate) {
  const question = await ctx.reply(t("ask-quantity", { max }), {
    reply_markup: keyboardOf(quantityRows(max, t)),
  });
  for (;;) {
    const answer = await dialog.wait();
    let text = answer.message?.text?.trim() ?? "";
    if (answer.callbackQuery) {
      const tapped = pickQuantityData.match(answer.callbackQuery.data)?.amount;
      const current = tapped !== undefined && tappedOn(answer, question);
      await answer.answerCallbackQuery(current ? undefined : { text: t("button-expired") });
      if (!current) continue;
      if (tapped === "other") {
        await removeButtons(answer, question);
        await answer.reply(t("ask-other-amount", { max }));
        continue;
      }
      text = tapped;
    }
    const quantity = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (quantity >= 1 && quantity <= max) {
      await removeButtons(answer, question);
      return quantity;
    }
    await answer.reply(t("invalid-quantity", { max }));
  }
}
