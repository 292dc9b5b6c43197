import { randomBytes } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { InlineKeyboard, type Api } from "grammy";
import type { Database } from "@/db/client";
import { channels, posts, type Channel } from "@/db/schema/channels";
import { recordAudit } from "@/lib/platform/record-audit";
import { users, type User } from "@/db/schema/users";
import { channelPostCaption } from "@/lib/catalog/post-caption";
import { checkSellerRights, type SellerRightsProblem } from "./check-seller-rights";
import { findChannels } from "./connect-channel";
import { buyLink } from "@/lib/catalog/buy-link";
import { findProduct } from "@/lib/catalog/products";
import { productPhoto } from "@/lib/catalog/send-product-photo";
import { telegramLocale, translate } from "@/lib/telegram/i18n";
import { telegramRefusal } from "@/lib/telegram/telegram-error";
import { isUuid } from "@/lib/platform/uuid";

export interface PublishDeps {
  api: Api;
  /** The bot behind `api`: the photo's stored file_id is valid for it alone. */
  botId: number;
  botUsername: string;
  readPhoto: (key: string) => Promise<Uint8Array | undefined>;
}

/** A post's deep-link payload: opaque, distinct from the product's (`p_…`). */
function postPayload() {
  return `q_${randomBytes(9).toString("base64url")}`;
}

/**
 * One channel's outcome. A failure carries Telegram's own words in `error`, or, when the seller
 * check stopped it before anything was sent, the `problem` (also as `error`) for the page to word.
 */
export type PublishResult =
  | { channelId: string; title: string; ok: true; messageId: number }
  | { channelId: string; title: string; ok: false; error: string; problem?: SellerRightsProblem };

/**
 * Posts a product to the seller's channels: photo (when it has one) with the caption, and a
 * URL button to the buyer's deep link. Each channel succeeds or fails on its own, and every
 * post is recorded so it can be marked sold out or deleted later. Before each post Telegram is
 * asked again whether the channel's seller still runs it: rights taken away since connecting
 * (or connected before this was checked) stop the post, and nothing is sent.
 */
export async function publishProduct(
  db: Database,
  deps: PublishDeps,
  actor: User,
  productId: string,
  channelIds: string[],
): Promise<PublishResult[] | undefined> {
  const product = await findProduct(db, actor, productId);
  if (!product || product.archivedAt) return undefined;
  const seller = await db.query.users.findFirst({ where: eq(users.id, product.sellerId) });
  const locale = telegramLocale(seller?.language);
  const html = channelPostCaption({ ...product, price: product.priceMinor }, locale);
  const buyLabel = translate(locale, product.stock === 0 ? "btn-sold-out" : "btn-buy");
  // Uploaded at most once (and not at all when an earlier post or card did): later channels
  // and the bot's cards reuse its file_id.
  const photo = productPhoto(db, product, deps);
  const results: PublishResult[] = [];
  for (const channel of await findChannels(db, actor, channelIds)) {
    const rights = await checkChannelSeller(db, deps.api, channel, seller);
    if (!rights.ok) {
      const { problem } = rights;
      results.push({
        channelId: channel.id,
        title: channel.title,
        ok: false,
        error: problem,
        problem,
      });
      continue;
    }
    // Each post gets its own deep link, so the funnel can tell posts apart.
    const payload = postPayload();
    const keyboard = new InlineKeyboard().url(buyLabel, buyLink(deps.botUsername, payload));
    try {
      const options = { parse_mode: "HTML" as const, reply_markup: keyboard };
      const message =
        (await photo.send((file) =>
          deps.api.sendPhoto(channel.telegramChatId, file, { ...options, caption: html }),
        )) ?? (await deps.api.sendMessage(channel.telegramChatId, html, options));
      await db.insert(posts).values({
        productId: product.id,
        channelId: channel.id,
        telegramChatId: channel.telegramChatId,
        telegramMessageId: message.message_id,
        deepLinkPayload: payload,
      });
      results.push({
        channelId: channel.id,
        title: channel.title,
        ok: true,
        messageId: message.message_id,
      });
    } catch (error) {
      const refusal = telegramRefusal(error);
      if (!refusal) throw error;
      results.push({
        channelId: channel.id,
        title: channel.title,
        ok: false,
        error: refusal.description,
      });
    }
  }
  await recordAudit(db, {
    actorUserId: actor.id,
    action: "product.published",
    targetType: "product",
    targetId: product.id,
    data: { results: results.map(({ channelId, ok }) => ({ channelId, ok })) },
  });
  return results;
}

/**
 * Whether the seller who connected the channel still runs it (usually the product's seller).
 * When an admin of the app publishes for a shop, it is the channel's seller who must run the
 * channel: the admin's own standing in it does not matter either way.
 */
async function checkChannelSeller(db: Database, api: Api, channel: Channel, known?: User) {
  const owner =
    known?.id === channel.sellerId
      ? known
      : await db.query.users.findFirst({ where: eq(users.id, channel.sellerId) });
  if (!owner) throw new Error(`channel ${channel.id} has no seller`);
  return checkSellerRights(api, channel.telegramChatId, owner.telegramId);
}

/** The product's channel posts, newest first, with their channel's name. */
export async function listPosts(db: Database, actor: User, productId: string) {
  const product = await findProduct(db, actor, productId);
  if (!product) return [];
  return db
    .select({
      id: posts.id,
      status: posts.status,
      createdAt: posts.createdAt,
      channelId: posts.channelId,
      channelTitle: channels.title,
      username: channels.username,
      telegramChatId: posts.telegramChatId,
      telegramMessageId: posts.telegramMessageId,
    })
    .from(posts)
    .innerJoin(channels, eq(channels.id, posts.channelId))
    .where(eq(posts.productId, product.id))
    .orderBy(desc(posts.createdAt));
}

/**
 * Deletes a post from its channel (if still there) and records it as deleted. False: no such
 * post of the actor's (a malformed id, which PostgreSQL would refuse as a uuid, is none).
 */
export async function deletePost(db: Database, api: Api, actor: User, postId: string) {
  if (!isUuid(postId)) return false;
  const [post] = await db.select().from(posts).where(eq(posts.id, postId));
  if (!post || post.status === "deleted" || !(await findProduct(db, actor, post.productId))) {
    return false;
  }
  try {
    await api.deleteMessage(post.telegramChatId, post.telegramMessageId);
  } catch (error) {
    // Already gone in Telegram (deleted by hand, or older than the 48 h bots may delete in
    // groups): either way it is no longer ours to show.
    if (telegramRefusal(error)?.error_code !== 400) throw error;
  }
  await db
    .update(posts)
    .set({ status: "deleted", updatedAt: new Date() })
    .where(eq(posts.id, post.id));
  await recordAudit(db, {
    actorUserId: actor.id,
    action: "post.deleted",
    targetType: "post",
    targetId: post.id,
  });
  return true;
}
