import { eq } from "drizzle-orm";
import { InlineKeyboard, type Api } from "grammy";
import type { Database } from "@/db/client";
import { posts } from "@/db/schema/channels";
import { users, type User } from "@/db/schema/users";
import { buyLink } from "@/lib/catalog/buy-link";
import { channelPostCaption } from "@/lib/catalog/post-caption";
import { findProduct } from "@/lib/catalog/products";
import { recordAudit } from "@/lib/platform/record-audit";
import { isUuid } from "@/lib/platform/uuid";
import { soldOutData } from "@/lib/telegram/callback-data";
import { telegramLocale, translate } from "@/lib/telegram/i18n";
import { refusalOutcomeOf, telegramRefusal } from "@/lib/telegram/telegram-error";

/** `gone`: the message was deleted in Telegram, so the post is recorded as deleted. */
export type UpdatePostResult = "updated" | "gone";

/**
 * Edits a live channel post to show the product as it is now (title, description, price, and
 * its Buy or Sold out button), in place: buyers who saved or forwarded the post keep a working
 * message, and the channel gets no second copy. The photo stays the one posted. Undefined: no
 * such live post of the actor's.
 */
export async function updateChannelPost(
  db: Database,
  deps: { api: Api; botUsername: string },
  actor: User,
  postId: string,
): Promise<UpdatePostResult | undefined> {
  if (!isUuid(postId)) return undefined;
  const [post] = await db.select().from(posts).where(eq(posts.id, postId));
  if (!post || post.status === "deleted") return undefined;
  const product = await findProduct(db, actor, post.productId);
  if (!product) return undefined;
  const seller = await db.query.users.findFirst({ where: eq(users.id, product.sellerId) });
  const locale = telegramLocale(seller?.language);
  const soldOut = Boolean(product.archivedAt) || product.stock === 0;
  const html = channelPostCaption({ ...product, price: product.priceMinor }, locale);
  const reply_markup = soldOut
    ? new InlineKeyboard().text(translate(locale, "btn-sold-out"), soldOutData.pack({}))
    : new InlineKeyboard().url(
        translate(locale, "btn-buy"),
        buyLink(deps.botUsername, post.deepLinkPayload ?? product.deepLinkPayload),
      );
  const options = { parse_mode: "HTML" as const, reply_markup };
  const { telegramChatId: chatId, telegramMessageId: messageId } = post;
  const editCaption = () =>
    deps.api.editMessageCaption(chatId, messageId, { ...options, caption: html });
  const editText = () => deps.api.editMessageText(chatId, messageId, html, options);
  let result: UpdatePostResult = "updated";
  try {
    // The post has a caption if it was sent with a photo; the product may have gained or lost
    // one since, so Telegram's "no caption / no text to edit" says to try the other kind.
    await (product.photoKey ? editCaption() : editText()).catch((error: unknown) => {
      if (
        !/there is no (caption|text) in the message/i.test(
          telegramRefusal(error)?.description ?? "",
        )
      )
        throw error;
      return product.photoKey ? editText() : editCaption();
    });
  } catch (error) {
    const outcome = refusalOutcomeOf(error);
    // Already showing exactly this (a second click) is done, not failed.
    if (outcome === "message_deleted") result = "gone";
    else if (outcome !== "not_modified") throw error;
  }
  const status = result === "gone" ? "deleted" : soldOut ? "sold_out" : "posted";
  await db.update(posts).set({ status, updatedAt: new Date() }).where(eq(posts.id, post.id));
  await recordAudit(db, {
    actorUserId: actor.id,
    action: "post.updated",
    targetType: "post",
    targetId: post.id,
    data: { result },
  });
  return result;
}
