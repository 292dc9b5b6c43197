import { performance } from "node:perf_hooks";
import type { InlineKeyboardButton, Message, User } from "grammy/types";
import type { TelegramStandIn } from "@/e2e/stand-ins/telegram-bot-api";

// The promotion's buyers, as Telegram users: each taps the post's Buy link (Telegram sends the
// bot `/start <payload>`) at their moment within the spread, and every `buyEvery`-th taps Buy on
// the product card the moment it arrives. What each received, and when, is kept for the figures.

export interface PromoBuyer {
  user: User;
  /** Taps Buy on the card. */
  buys: boolean;
  sentAt?: number;
  cards: number;
  cardAt?: number;
  buyAt?: number;
  /** Buyers still waiting for their card when this one tapped Buy. */
  cardsQueuedAtBuy?: number;
  questions: number;
  questionAt?: number;
}

export interface BuyerOptions {
  count: number;
  spreadMs: number;
  payload: string;
  buyEvery: number;
}

const FIRST_BUYER_ID = 500_000_000;
// The card's Buy button (locales/telegram/en.ftl, btn-buy) and the dialog's first question
// for a product in unlimited stock (ask-quantity).
const BUY_LABEL = "Buy";
const FIRST_QUESTION = "How many would you like?";

const buyButton = (message: Message) =>
  message.reply_markup?.inline_keyboard
    .flat()
    .find(
      (button): button is InlineKeyboardButton.CallbackButton =>
        button.text === BUY_LABEL && "callback_data" in button,
    );

export function promoBuyers(telegram: TelegramStandIn, options: BuyerOptions) {
  const buyers: PromoBuyer[] = Array.from({ length: options.count }, (_, i) => ({
    user: {
      id: FIRST_BUYER_ID + i,
      is_bot: false,
      first_name: `Buyer${i}`,
      language_code: "en",
    },
    buys: i % options.buyEvery === 0,
    cards: 0,
    questions: 0,
  }));
  const byChat = new Map(buyers.map((buyer) => [buyer.user.id, buyer]));
  /** Bot messages that are neither a card nor the first question, by their first line. */
  const others = new Map<string, number>();
  let messages = 0;
  let firstSentAt = Infinity;
  let lastMessageAt = 0;
  let sent = 0;
  let withCard = 0;

  telegram.onBotMessage((message) => {
    const now = performance.now();
    messages += 1;
    lastMessageAt = now;
    const buyer = byChat.get(message.chat.id);
    const button = buyButton(message);
    if (buyer && button) {
      buyer.cards += 1;
      if (buyer.cardAt === undefined) {
        buyer.cardAt = now;
        withCard += 1;
      }
      if (buyer.buys && buyer.buyAt === undefined) {
        buyer.buyAt = now;
        // After the card's answer has left: the user sees the card, then taps.
        setImmediate(() => {
          buyer.buyAt = performance.now();
          buyer.cardsQueuedAtBuy = sent - withCard;
          telegram.userPresses(buyer.user, message, button.callback_data);
        });
      }
      return;
    }
    if (buyer && (message.text ?? "").startsWith(FIRST_QUESTION)) {
      buyer.questions += 1;
      buyer.questionAt ??= now;
      return;
    }
    const line = (message.text ?? message.caption ?? "").split("\n")[0]!.slice(0, 60);
    others.set(line, (others.get(line) ?? 0) + 1);
  });

  /** Sends every buyer's /start at their moment in the spread; resolves when all are sent. */
  async function tapTheirLinks() {
    const start = performance.now();
    firstSentAt = start;
    const gap = options.spreadMs / options.count;
    while (sent < buyers.length) {
      const due = Math.min(buyers.length, Math.floor((performance.now() - start) / gap) + 1);
      for (; sent < due; sent++) {
        const buyer = buyers[sent]!;
        buyer.sentAt = performance.now();
        telegram.userSends(buyer.user, `/start ${options.payload}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  return {
    buyers,
    tapTheirLinks,
    /** Every buyer has a card and every Buy its question. */
    answered: () =>
      sent === buyers.length && buyers.every((b) => b.cards > 0 && (!b.buys || b.questions > 0)),
    /** Buyers who tapped and still wait for their card. */
    waitingForCards: () => sent - withCard,
    messages: () => messages,
    others: () => others,
    firstSentAt: () => firstSentAt,
    lastMessageAt: () => lastMessageAt,
  };
}

export type PromoBuyers = ReturnType<typeof promoBuyers>;
