import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { channels } from "@/db/schema/channels";
import type { User } from "@/db/schema/users";
import { ownedBy } from "@/lib/auth/owned-by";
import { recordAudit } from "@/lib/platform/record-audit";

const channelId = z.uuid();

/**
 * Stops offering a channel for publishing. The row stays (marked disconnected): its posts, and
 * through them orders and the sales funnel, keep pointing at it, and the posts already in the
 * channel stay where they are. Someone else's channel, an unknown id or one already
 * disconnected changes nothing; says whether this call disconnected it.
 */
export async function disconnectChannel(db: Database, actor: User, id: unknown): Promise<boolean> {
  const parsed = channelId.safeParse(id);
  if (!parsed.success) return false;
  const [channel] = await db
    .update(channels)
    .set({ disconnectedAt: new Date() })
    .where(
      and(
        eq(channels.id, parsed.data),
        isNull(channels.disconnectedAt),
        ownedBy(channels.sellerId, actor),
      ),
    )
    .returning({ id: channels.id });
  if (!channel) return false;
  await recordAudit(db, {
    actorUserId: actor.id,
    action: "channel.disconnected",
    targetType: "channel",
    targetId: channel.id,
  });
  return true;
}
