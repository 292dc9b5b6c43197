import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { botConversations } from "@/db/schema/telegram";

/**
 * Keeps the buyers' dialogs in Postgres: a restart or another app copy continues a dialog
 * exactly where the buyer left it.
 */
export function postgresConversationStorage<S>(db: Database): VersionedStateStorage<string, S> {
  return {
    async read(key) {
      const row = await db.query.botConversations.findFirst({
        where: eq(botConversations.key, key),
      });
      return row?.state as VersionedState<S> | undefined;
    },
    async write(key, state) {
      await db
        .insert(botConversations)
        .values({ key, state })
        .onConflictDoUpdate({
          target: botConversations.key,
          set: { state, updatedAt: new Date() },
        });
    },
    async delete(key) {
      await db.delete(botConversations).where(eq(botConversations.key, key));
    },
  };
}
