import type { Api } from "grammy";
import type { ChatMember } from "grammy/types";
import { isTelegramUnavailable, telegramRefusal } from "@/lib/telegram/telegram-error";

/**
 * Why a seller may not (or cannot be shown to) post in a channel: Telegram says they are not
 * its creator or an administrator allowed to post, or Telegram could not be asked just now.
 */
export type SellerRightsProblem = "seller_not_admin" | "telegram_unavailable";

/** A channel's creator may do everything; an administrator only what they were given. */
function mayPost(member: ChatMember): boolean {
  if (member.status === "creator") return true;
  return member.status === "administrator" && member.can_post_messages === true;
}

/**
 * Asks Telegram whether the seller runs this channel: its creator, or an administrator who
 * may post. The bot being an admin there is not enough: otherwise anyone could open a shop in
 * a channel that is not theirs. Only a clear yes lets the seller in: when Telegram refuses to
 * say ("user not found", "member list is inaccessible") nothing shows the seller runs it, and
 * when it cannot answer (network, 429, 5xx) the answer is "try again", never "yes".
 */
export async function checkSellerRights(
  api: Api,
  chatId: number,
  sellerTelegramId: number,
): Promise<{ ok: true } | { ok: false; problem: SellerRightsProblem }> {
  try {
    const member = await api.getChatMember(chatId, sellerTelegramId);
    return mayPost(member) ? { ok: true } : { ok: false, problem: "seller_not_admin" };
  } catch (error) {
    if (isTelegramUnavailable(error)) return { ok: false, problem: "telegram_unavailable" };
    if (telegramRefusal(error)) return { ok: false, problem: "seller_not_admin" };
    throw error;
  }
}
