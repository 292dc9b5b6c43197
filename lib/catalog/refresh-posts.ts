import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { InlineKeyboard, type Api } from "grammy";
import type { Database } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { posts } from "@/db/schema/channels";
import { users } from "@/db/schema/users";
import { defineJob } from "@/lib/jobs/define-job";
import { enqueue } from "@/lib/jobs/outbox";
import { buyLink } from "./buy-link";
import { soldOutData } from "@/lib/telegram/callback-data";
import { telegramLocale, translate } from "@/lib/telegram/i18n";
import { refusalOutcomeOf } from "@/lib/telegram/telegram-error";

/**
 * Queues an update of a product's channel posts (in the caller's transaction): their button
 * must say "Sold out" once nothing is left or the product is archived, and "Buy" again when
 * stock comes back. The worker compares with the product's state when it runs.
 */
export async function enqueuePostsRefresh(tx: Database, productId: string) {
  await enqueue(tx, refreshPostsJob.of({ productId }));
}

/** Brings a product's channel posts' buttons in line with its stock (see enqueuePostsRefresh). */
export const refreshPostsJob = defineJob({
  kind: "posts.refresh",
  // Postgres' uuid takes any 8-4-4-4-12 hex, hence guid rather than the stricter uuid.
  schema: z.object({ productId: z.guid() }),
  // Never the same key: a refresh queued after the last one ran must run again.
  dedupeKey: ({ productId }) =>
    `posts.refresh:${productId}:${Date.now()}:${Math.random().toString(36).slice(2)}`,
  run: (tx, { productId }, { api }) => refreshProductPosts(tx, api, productId),
});

/** Edits every live post of the product whose button no longer matches its stock. */
export async function refreshProductPosts(db: Database, api: Api, productId: string) {
  const product = await db.query.products.findFirst({ where: eq(products.id, productId) });
  if (!product) return;
  const soldOut = Boolean(product.archivedAt) || product.stock === 0;
  const wanted = soldOut ? "sold_out" : "posted";
  const stale = await db
    .select()
    .from(posts)
    .where(
      and(eq(posts.productId, productId), ne(posts.status, wanted), ne(posts.status, "deleted")),
    );
  if (stale.length === 0) return;
  const seller = await db.query.users.findFirst({ where: eq(users.id, product.sellerId) });
  const locale = telegramLocale(seller?.language);
  const botUsername = soldOut ? "" : (await api.getMe()).username;
  for (const post of stale) {
    const keyboard = soldOut
      ? new InlineKeyboard().text(translate(locale, "btn-sold-out"), soldOutData.pack({}))
      : new InlineKeyboard().url(
          translate(locale, "btn-buy"),
          buyLink(botUsername, post.deepLinkPayload ?? product.deepLinkPayload),
        );
    let status: typeof wanted | "deleted" = wanted;
    try {
      await api.editMessageReplyMarkup(post.telegramChatId, post.telegramMessageId, {
        reply_markup: keyboard,
      });
    } catch (error) {
      // The seller deleted the post in Telegram: nothing left to edit, ever. (A button that
      // already matched is no error: the Api settles "message is not modified".) A post that
      // merely cannot be edited now (the bot lost its rights) stays, and the job fails.
      if (refusalOutcomeOf(error) !== "message_deleted") throw error;
      status = "deleted";
    }
    await db.update(posts).set({ status, updatedAt: new Date() }).where(eq(posts.id, post.id));
  }
}
