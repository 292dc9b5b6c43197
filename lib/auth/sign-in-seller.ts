import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { recordAudit } from "@/lib/platform/record-audit";
import { invites, users, type User } from "@/db/schema/users";
import { hashSecretToken } from "@/lib/platform/secret-tokens";
import { roleUnderAdminList } from "./configured-admins";

export const sellerProfile = z.object({
  telegramId: z.int().positive(),
  name: z.string().trim().min(1).max(200),
  username: z.string().max(64).optional(),
  photoUrl: z.url().optional(),
});
export type SellerProfile = z.infer<typeof sellerProfile>;

export type SignInResult =
  | { ok: true; user: User; created: boolean }
  | { ok: false; reason: "invite_required" | "invite_invalid" };

// Serialises sign-ups so two people arriving at once cannot both become "the first user".
const SIGN_UP_LOCK = 7_246_011_358;

/**
 * Lets a Telegram user into the dashboard. Known sellers come in (their name and photo kept
 * current); with ADMIN_TELEGRAM_IDS set, exactly those ids are admins (added and removed at
 * each sign-in); without it the very first user becomes the admin. Everyone else needs a
 * valid invite. No open sign-up into someone else's shop.
 */
export async function signInSeller(
  db: Database,
  input: z.input<typeof sellerProfile>,
  options: { adminTelegramIds: number[]; inviteToken?: string },
): Promise<SignInResult> {
  const profile = sellerProfile.parse(input);
  const listed = options.adminTelegramIds.length > 0;
  const configuredAdmin = options.adminTelegramIds.includes(profile.telegramId);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SIGN_UP_LOCK})`);
    const details = {
      name: profile.name,
      username: profile.username ?? null,
      photoUrl: profile.photoUrl ?? null,
      updatedAt: new Date(),
    };
    const existing = await tx.query.users.findFirst({
      where: eq(users.telegramId, profile.telegramId),
    });
    if (existing) {
      const [user] = await tx
        .update(users)
        .set({ ...details, role: roleUnderAdminList(options.adminTelegramIds, existing) })
        .where(eq(users.id, existing.id))
        .returning();
      return { ok: true, user: user ?? existing, created: false };
    }

    const [anyone] = await tx.select({ id: users.id }).from(users).limit(1);
    let role: User["role"] = "seller";
    let inviteId: string | undefined;
    // With a list, the first stranger is no one special: the list names the admins.
    if (configuredAdmin || (!listed && !anyone)) {
      role = "admin";
    } else if (options.inviteToken) {
      const invite = await tx.query.invites.findFirst({
        where: and(
          eq(invites.tokenHash, hashSecretToken(options.inviteToken)),
          isNull(invites.usedAt),
          gt(invites.expiresAt, new Date()),
        ),
      });
      if (!invite) return { ok: false, reason: "invite_invalid" };
      role = roleUnderAdminList(options.adminTelegramIds, {
        role: invite.role,
        telegramId: profile.telegramId,
      });
      inviteId = invite.id;
    } else {
      return { ok: false, reason: "invite_required" };
    }

    const [user] = await tx
      .insert(users)
      .values({ telegramId: profile.telegramId, role, ...details })
      .returning();
    if (!user) throw new Error("user insert returned nothing");
    if (inviteId) {
      await tx
        .update(invites)
        .set({ usedBy: user.id, usedAt: new Date() })
        .where(eq(invites.id, inviteId));
    }
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "user.signed_up",
      targetType: "user",
      targetId: user.id,
      data: { role, via: inviteId ? "invite" : configuredAdmin ? "admin_list" : "first_user" },
    });
    return { ok: true, user, created: true };
  });
}
