import { and, asc, eq, isNull } from "drizzle-orm";
import { type Api } from "grammy";
import { z } from "zod";
import type { Database } from "@/db/client";
import { channels, type Channel } from "@/db/schema/channels";
import { recordAudit } from "@/lib/platform/record-audit";
import { type User } from "@/db/schema/users";
import { ownedBy } from "@/lib/auth/owned-by";
import { isTelegramUnavailable, telegramRefusal } from "@/lib/telegram/telegram-error";
import { checkSellerRights, type SellerRightsProblem } from "./check-seller-rights";

// "@coffee_roastery", "coffee_roastery", a t.me link, or a numeric id like -1001234567890.
const channelRef = z
  .string()
  .trim()
  .transform((ref) => ref.replace(/^(https?:\/\/)?t\.me\//, ""))
  .pipe(
    z.union([z.string().regex(/^-?\d{5,20}$/), z.string().regex(/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/)]),
  );

export type ChannelProblem =
  | "invalid_ref"
  | "not_found"
  | "not_a_channel"
  | "bot_not_member"
  | "cannot_post"
  | "cannot_edit"
  | SellerRightsProblem
  | "taken";

export type ChannelCheck =
  | { ok: true; chatId: number; title: string; username?: string }
  | { ok: false; problem: ChannelProblem };

/** Who is asking: the bot that will post, and the seller who says the channel is theirs. */
export interface ChannelCheckFor {
  botId: number;
  sellerTelegramId: number;
}

/**
 * Asks Telegram whether this channel's shop can be run from here: the bot must be an
 * administrator allowed to post (the product posts) and to edit them (to mark them sold out),
 * and the seller must run the channel (./check-seller-rights.ts). Says exactly what is missing
 * otherwise, and that Telegram is unavailable when it could not be asked.
 */
export async function checkChannel(
  api: Api,
  { botId, sellerTelegramId }: ChannelCheckFor,
  ref: string,
): Promise<ChannelCheck> {
  const parsed = channelRef.safeParse(ref);
  if (!parsed.success) return { ok: false, problem: "invalid_ref" };
  const chatRef = /^-?\d+$/.test(parsed.data)
    ? Number(parsed.data)
    : `@${parsed.data.replace(/^@/, "")}`;
  try {
    const chat = await api.getChat(chatRef);
    if (chat.type !== "channel") return { ok: false, problem: "not_a_channel" };
    const member = await api.getChatMember(chat.id, botId).catch((error: unknown) => {
      if (isTelegramUnavailable(error) || !telegramRefusal(error)) throw error;
      return undefined;
    });
    if (!member || member.status === "left" || member.status === "kicked") {
      return { ok: false, problem: "bot_not_member" };
    }
    if (member.status !== "administrator" || !member.can_post_messages) {
      return { ok: false, problem: "cannot_post" };
    }
    if (!member.can_edit_messages) return { ok: false, problem: "cannot_edit" };
    const seller = await checkSellerRights(api, chat.id, sellerTelegramId);
    if (!seller.ok) return seller;
    return { ok: true, chatId: chat.id, title: chat.title, username: chat.username };
  } catch (error) {
    if (isTelegramUnavailable(error)) return { ok: false, problem: "telegram_unavailable" };
    const code = telegramRefusal(error)?.error_code;
    if (code === 400 || code === 403) {
      return { ok: false, problem: "not_found" };
    }
    throw error;
  }
}

/**
 * Connects a channel to the seller's shop once the bot may post and edit there and the seller
 * runs it. An admin of the app is asked the same: the rule is about the Telegram channel.
 */
export async function addChannel(
  db: Database,
  api: Api,
  botId: number,
  seller: User,
  ref: string,
): Promise<{ ok: true; channel: Channel } | { ok: false; problem: ChannelProblem }> {
  const check = await checkChannel(api, { botId, sellerTelegramId: seller.telegramId }, ref);
  if (!check.ok) return check;
  const existing = await db.query.channels.findFirst({
    where: eq(channels.telegramChatId, check.chatId),
  });
  // A channel its shop disconnected is free again for whoever runs it in Telegram now.
  const reconnected = Boolean(existing?.disconnectedAt);
  if (existing && existing.sellerId !== seller.id && !reconnected) {
    return { ok: false, problem: "taken" };
  }
  const values = {
    sellerId: seller.id,
    title: check.title,
    username: check.username ?? null,
    botCanPost: true,
    checkedAt: new Date(),
    disconnectedAt: null,
  };
  const [channel] = existing
    ? await db.update(channels).set(values).where(eq(channels.id, existing.id)).returning()
    : await db
        .insert(channels)
        .values({ telegramChatId: check.chatId, ...values })
        .returning();
  if (!channel) throw new Error("channel not stored");
  await recordAudit(db, {
    actorUserId: seller.id,
    action: existing && !reconnected ? "channel.rechecked" : "channel.added",
    targetType: "channel",
    targetId: channel.id,
  });
  return { ok: true, channel };
}

/** The connected channels this user may publish to (disconnected ones are left out). */
export async function listChannels(db: Database, actor: User) {
  return db
    .select()
    .from(channels)
    .where(and(ownedBy(channels.sellerId, actor), isNull(channels.disconnectedAt)))
    .orderBy(asc(channels.title));
}

export async function findChannels(db: Database, actor: User, ids: string[]) {
  const all = await listChannels(db, actor);
  return all.filter((channel) => ids.includes(channel.id));
}
