import { eq } from "drizzle-orm";
import type { Context, MiddlewareFn } from "grammy";
import type { Database } from "@/db/client";
import { telegramUpdates } from "@/db/schema/telegram";
import { addLogFields, markDuplicateDelivery } from "@/lib/platform/request-context";

/**
 * Telegram redelivers an update until it gets a 2xx. The update id is claimed before handling,
 * so a replay is acknowledged and ignored; if handling fails the claim is dropped, so
 * Telegram's retry is handled again rather than lost.
 */
export function ignoreReplayedUpdates(db: Database): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    addLogFields({ updateId });
    const claimed = await db
      .insert(telegramUpdates)
      .values({ updateId })
      .onConflictDoNothing()
      .returning({ updateId: telegramUpdates.updateId });
    if (claimed.length === 0) {
      markDuplicateDelivery();
      return;
    }
    try {
      await next();
    } catch (error) {
      await db.delete(telegramUpdates).where(eq(telegramUpdates.updateId, updateId));
      throw error;
    }
  };
}
