import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { recordAudit } from "@/lib/platform/record-audit";
import { apiTokens, users, type User } from "@/db/schema/users";
import { hashSecretToken, newSecretToken } from "@/lib/platform/secret-tokens";
import { isUuid } from "@/lib/platform/uuid";

export const apiTokenName = z.string().trim().min(1, "required").max(60, "tooLong");

/** A seller's new token for the products API. The token itself is shown once, never stored. */
export async function createApiToken(db: Database, seller: User, name: string) {
  const label = apiTokenName.parse(name);
  const { token, hash } = newSecretToken("pb");
  const [row] = await db
    .insert(apiTokens)
    .values({ sellerId: seller.id, name: label, tokenHash: hash })
    .returning({ id: apiTokens.id });
  await recordAudit(db, {
    actorUserId: seller.id,
    action: "api_token.created",
    targetType: "api_token",
    targetId: row?.id,
  });
  return { token, id: row?.id };
}

export async function listApiTokens(db: Database, seller: User) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.sellerId, seller.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Database, seller: User, tokenId: string) {
  if (!isUuid(tokenId)) return false;
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.sellerId, seller.id)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}

/** The seller behind an `Authorization: Bearer …` header, if the token is valid. */
export async function userForBearer(db: Database, authorization: string | null) {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) return undefined;
  const [found] = await db
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.sellerId))
    .where(and(eq(apiTokens.tokenHash, hashSecretToken(token)), isNull(apiTokens.revokedAt)));
  if (!found) return undefined;
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, found.tokenId));
  return found.user;
}
