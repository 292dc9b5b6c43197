import type { Database } from "@/db/client";
import { invites, type User } from "@/db/schema/users";
import { recordAudit } from "@/lib/platform/record-audit";
import { newSecretToken } from "@/lib/platform/secret-tokens";
import { assertAdmin } from "./admin-only";

export const INVITE_LIFETIME_DAYS = 7;

/** An admin invites a seller (or another admin): a one-time link valid for a week. */
export async function createInvite(db: Database, admin: User, role: User["role"] = "seller") {
  assertAdmin(admin);
  const { token, hash } = newSecretToken("inv");
  const expiresAt = new Date(Date.now() + INVITE_LIFETIME_DAYS * 24 * 3600 * 1000);
  await db.transaction(async (tx) => {
    await tx.insert(invites).values({ tokenHash: hash, role, createdBy: admin.id, expiresAt });
    await recordAudit(tx, {
      actorUserId: admin.id,
      action: "invite.created",
      targetType: "invite",
      data: { role, expiresAt: expiresAt.toISOString() },
    });
  });
  return { token, expiresAt };
}
