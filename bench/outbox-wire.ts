// What reached the Telegram stand-in during the outbox benchmark: every sendMessage with its
// chat, text, answer and time, and the tallies the report is made of.
import type { TelegramStandIn } from "@/e2e/stand-ins/telegram-bot-api";

export interface Send {
  chat: number;
  text: string;
  at: number;
  status: number;
}

/** The stand-in's handler, noting each sendMessage (grammY sends them as JSON). */
export function recordSends(telegram: TelegramStandIn) {
  const sends: Send[] = [];
  const handle = async (request: Request) => {
    const isSend = new URL(request.url).pathname.endsWith("/sendMessage");
    const params = isSend
      ? ((await request
          .clone()
          .json()
          .catch(() => ({}))) as { chat_id?: number; text?: string })
      : undefined;
    const response = await telegram.handle(request);
    if (params) {
      sends.push({
        chat: Number(params.chat_id),
        text: params.text ?? "",
        at: Date.now(),
        status: response.status,
      });
    }
    return response;
  };
  return { handle, sends };
}

// The first character of each message the payment of an order puts on the wire.
const isConfirmation = (text: string) => text.startsWith("✅");
const isInvoiceNotice = (text: string) => text.startsWith("🧾");

export interface Tally {
  confirmed: number;
  missed: number;
  duplicated: number;
  firstConfirmationMs: number;
  lastConfirmationMs: number;
  /** Messages the stand-in took up to the last buyer's confirmation (any chat). */
  sentByLastConfirmation: number;
  buyerConfirmations: number;
  sellerMessages: number;
  sellerDigests: number;
  /** Orders listed in seller messages more than once, and orders in none. */
  sellerRepeats: number;
  sellerMisses: number;
  invoiceNotices: number;
  otherMessages: number;
  accepted: number;
  refused429: number;
  /** 429s up to the last confirmation: each pauses every sender for its retry_after. */
  refused429ByLastConfirmation: number;
  refusedOther: number;
  lastMessageMs: number;
}

export function tally(
  sends: readonly Send[],
  shop: { buyerChats: number[]; sellerChats: number[]; sellerOrders: string[] },
  startedAt: number,
): Tally {
  const buyers = new Set(shop.buyerChats);
  const sellers = new Set(shop.sellerChats);
  const ours = sends.filter((send) => buyers.has(send.chat) || sellers.has(send.chat));
  const ok = ours.filter((send) => send.status === 200);
  const confirmations = ok.filter((send) => buyers.has(send.chat) && isConfirmation(send.text));
  const perBuyer = new Map<number, number>();
  for (const send of confirmations) perBuyer.set(send.chat, (perBuyer.get(send.chat) ?? 0) + 1);
  const last = Math.max(startedAt, ...confirmations.map((send) => send.at));
  const toSellers = ok.filter((send) => sellers.has(send.chat));
  // Order numbers run per shop, so an order is its seller's chat and the number in it.
  const listed = new Map<string, number>();
  for (const send of toSellers) {
    for (const match of send.text.matchAll(/#(\d+)/g)) {
      const key = `${send.chat}#${match[1]}`;
      listed.set(key, (listed.get(key) ?? 0) + 1);
    }
  }
  const invoiceNotices = ok.filter((send) => buyers.has(send.chat) && isInvoiceNotice(send.text));
  return {
    confirmed: perBuyer.size,
    missed: shop.buyerChats.length - perBuyer.size,
    duplicated: [...perBuyer.values()].filter((n) => n > 1).length,
    firstConfirmationMs: Math.min(last, ...confirmations.map((send) => send.at)) - startedAt,
    lastConfirmationMs: last - startedAt,
    sentByLastConfirmation: ok.filter((send) => send.at <= last).length,
    buyerConfirmations: confirmations.length,
    sellerMessages: toSellers.length,
    sellerDigests: toSellers.filter((send) => /\d+ (new paid orders|neue bezahlte)/.test(send.text))
      .length,
    sellerRepeats: [...listed.values()].filter((n) => n > 1).length,
    sellerMisses: shop.sellerOrders.filter((key) => !listed.has(key)).length,
    invoiceNotices: invoiceNotices.length,
    otherMessages: ok.length - confirmations.length - toSellers.length - invoiceNotices.length,
    accepted: ok.length,
    refused429: ours.filter((send) => send.status === 429).length,
    refused429ByLastConfirmation: ours.filter((send) => send.status === 429 && send.at <= last)
      .length,
    refusedOther: ours.filter((send) => send.status !== 200 && send.status !== 429).length,
    lastMessageMs: Math.max(startedAt, ...ok.map((send) => send.at)) - startedAt,
  };
}
