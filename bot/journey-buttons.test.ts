import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSellerWithProduct } from "@/test/fixtures";
import { orderThroughBot, startJourney, type Journey } from "@/test/journey-harness";
import type { SimUser } from "@/sandbox/telegram/types";

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney("buttons");
});
afterAll(() => journey.stop());

let nextBuyer = 950_000;
const newBuyer = (language_code = "en"): SimUser => ({
  id: ++nextBuyer,
  first_name: "Noa",
  language_code,
});

/** The message as the buyer's chat shows it now (after any edits). */
const current = (buyer: SimUser, sent: Message) =>
  journey.telegram.messages(buyer.id).find((m) => m.message_id === sent.message_id);

const buttonLabels = (message: Message | undefined) =>
  message?.reply_markup?.inline_keyboard.map((row) => row.map((button) => button.text)) ?? [];

const hints = (buyer: SimUser) =>
  journey.botTexts(buyer.id).filter((text) => text.startsWith("Please use the buttons above"));

async function toCountry(buyer: SimUser, stock = 1) {
  const { product } = await createSellerWithProduct(journey.db.db, { stock });
  await journey.telegram.start(buyer, product.deepLinkPayload);
  await journey.press(buyer, `buy:${product.id}`);
  if (stock > 1) await journey.say(buyer, "1");
  for (const answer of ["Noa Nowak", "Ring 3", "10115", "Berlin"]) await journey.say(buyer, answer);
  return journey.lastBotMessage(buyer.id);
}

describe("used buttons", () => {
  it("are taken off once answered: after Confirm the summary has none left to tap", async () => {
    const buyer = newBuyer();
    const country = await toCountry(buyer);
    expect(buttonLabels(country).flat()).toContain("DE");
    await journey.press(buyer, "dlg:country:DE");
    expect(current(buyer, country)?.reply_markup).toBeUndefined();

    await journey.say(buyer, "noa@example.com");
    const summary = journey.lastBotMessage(buyer.id);
    expect(buttonLabels(summary)).toEqual([["Confirm and pay"], ["Change something", "Cancel"]]);
    await journey.press(buyer, "dlg:confirm");
    expect(journey.lastBotMessage(buyer.id).text).toContain("is reserved");
    expect(current(buyer, summary)?.reply_markup).toBeUndefined();
    await expect(journey.press(buyer, "dlg:confirm")).rejects.toThrow(/no button dlg:confirm/);
  });

  it("of a summary sent before they were taken off say the order is paid, once it is", async () => {
    const buyer = newBuyer();
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    journey.telegram.markStarted(buyer.id);
    // A summary as an earlier version of the bot left it in the chat: buttons still on.
    const old = await journey.bot.api.sendMessage(buyer.id, "Please check your order", {
      reply_markup: new InlineKeyboard().text("Confirm and pay", "dlg:confirm"),
    });
    const session = await orderThroughBot(journey, buyer, product);
    await journey.stripeSim.pay(session.id);

    await journey.telegram.pressButton(buyer, old, "dlg:confirm");
    expect(journey.telegram.calls("answerCallbackQuery").at(-1)?.params).toMatchObject({
      text: "This order is already paid.",
    });
  });
});

describe("the quantity question", () => {
  it("offers one button per amount up to the stock, and still takes a typed number", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 4 });
    const buyer = newBuyer();
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    const question = journey.lastBotMessage(buyer.id);
    expect(buttonLabels(question)).toEqual([["1", "2", "3", "4"]]);
    await journey.press(buyer, "dlg:qty:3");
    expect(journey.lastBotMessage(buyer.id).text).toContain("full name");
    expect(current(buyer, question)?.reply_markup).toBeUndefined();
    for (const answer of ["Noa Nowak", "Ring 3", "10115", "Berlin", "DE", "noa@example.com"]) {
      await journey.say(buyer, answer);
    }
    expect(journey.lastBotMessage(buyer.id).text).toContain("3 × Espresso Blend 250 g");

    // Changed from the summary by typing, as before.
    await journey.press(buyer, "dlg:edit");
    await journey.press(buyer, "dlg:field:quantity");
    await journey.say(buyer, "2");
    expect(journey.lastBotMessage(buyer.id).text).toContain("2 × Espresso Blend 250 g");
  });

  it("offers five amounts and Other amount when more can be bought", async () => {
    const { product } = await createSellerWithProduct(journey.db.db, { stock: null });
    const buyer = newBuyer("de");
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    expect(buttonLabels(journey.lastBotMessage(buyer.id))).toEqual([
      ["1", "2", "3", "4", "5"],
      ["Andere Menge"],
    ]);
    await journey.press(buyer, "dlg:qty:other");
    expect(journey.lastBotMessage(buyer.id).text).toBe(
      "Bitte schicke die gewünschte Menge (1–10).",
    );
    await journey.say(buyer, "7");
    expect(journey.lastBotMessage(buyer.id).text).toContain("vollständiger Name");
  });
});

describe("typed answers where buttons wait", () => {
  it("continue when they name a button: a country's code or name, yes, confirm", async () => {
    const buyer = newBuyer();
    await toCountry(buyer);
    await journey.say(buyer, "de");
    expect(journey.lastBotMessage(buyer.id).text).toContain("e-mail");
    await journey.say(buyer, "noa@example.com");
    await journey.say(buyer, "Change something");
    expect(journey.lastBotMessage(buyer.id).text).toBe("What would you like to change?");
    await journey.say(buyer, "country");
    await journey.say(buyer, "Austria");
    const summary = journey.lastBotMessage(buyer.id).text ?? "";
    expect(summary).toContain("Please check your order");
    expect(summary).toContain("AT");
    await journey.say(buyer, "confirm");
    expect(journey.lastBotMessage(buyer.id).text).toContain("is reserved");

    // The next order offers these details again: "yes" takes them.
    const { product } = await createSellerWithProduct(journey.db.db, { stock: 1 });
    await journey.telegram.start(buyer, product.deepLinkPayload);
    await journey.press(buyer, `buy:${product.id}`);
    expect(journey.lastBotMessage(buyer.id).text).toContain("same details as last time");
    await journey.say(buyer, "Yes");
    expect(journey.lastBotMessage(buyer.id).text).toContain("Please check your order");
  });

  it("that name no button get one hint per question, not one per message", async () => {
    const buyer = newBuyer();
    await toCountry(buyer);
    await journey.say(buyer, "DE");
    await journey.say(buyer, "noa@example.com");
    for (const text of ["hello?", "ok", "pay now", "??", "hm", "is it done"]) {
      await journey.say(buyer, text);
    }
    expect(hints(buyer)).toHaveLength(1);
    // The next question that waits for buttons hints again, once.
    await journey.press(buyer, "dlg:edit");
    for (const text of ["the street", "street name"]) await journey.say(buyer, text);
    expect(hints(buyer)).toHaveLength(2);
  });
});
