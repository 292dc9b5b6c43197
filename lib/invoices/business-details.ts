import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { sellerBusinesses, vatModes, type SellerBusiness } from "@/db/schema/invoices";
import { recordAudit } from "@/lib/platform/record-audit";
import { parseInput } from "@/lib/platform/app-error";
import { type User } from "@/db/schema/users";
import { parseMajorUnits } from "@/lib/platform/money-input";

// What a seller enters once in Settings for their invoices. The VAT rate is typed as people
// write it ("19", "7", "5,5") and kept in basis points.
export const businessInput = z
  .object({
    legalName: z.string().trim().min(1, "required").max(200, "tooLong"),
    address: z.string().trim().min(1, "required").max(500, "tooLong"),
    vatId: z
      .string()
      .trim()
      .transform((value) => value.replace(/\s+/g, "").toUpperCase())
      .pipe(
        z.union([z.literal(""), z.string().regex(/^[A-Z]{2}[A-Z0-9+*.]{2,13}$/, "invalidVatId")]),
      )
      .default(""),
    vatMode: z.enum(vatModes, { error: "invalidVatMode" }).default("standard"),
    vatRate: z.string().trim().default("19"),
  })
  .transform((input, ctx) => {
    const rate =
      input.vatMode === "small_business" ? 0 : parseMajorUnits(input.vatRate.replace("%", ""));
    if (rate === undefined || rate < 0 || rate > 10_000) {
      ctx.addIssue({ code: "custom", path: ["vatRate"], message: "invalidVatRate" });
      return z.NEVER;
    }
    return {
      legalName: input.legalName,
      address: input.address,
      vatId: input.vatId || null,
      vatMode: input.vatMode,
      vatRateBasisPoints: rate,
    };
  });

export type BusinessInput = z.input<typeof businessInput>;

/** The seller's invoice details, or undefined until they have entered them. */
export async function findBusiness(
  db: Database,
  sellerId: string,
): Promise<SellerBusiness | undefined> {
  return db.query.sellerBusinesses.findFirst({ where: eq(sellerBusinesses.sellerId, sellerId) });
}

/** Saves the actor's own invoice details (each seller has their own; admins too). */
export async function saveBusiness(
  db: Database,
  actor: User,
  input: BusinessInput | Record<string, string>,
) {
  const parsed = parseInput(businessInput, input, "business");
  return db.transaction(async (tx) => {
    const values = { ...parsed, updatedAt: new Date() };
    const [saved] = await tx
      .insert(sellerBusinesses)
      .values({ sellerId: actor.id, ...values })
      .onConflictDoUpdate({ target: sellerBusinesses.sellerId, set: values })
      .returning();
    await recordAudit(tx, {
      actorUserId: actor.id,
      action: "business.saved",
      targetType: "user",
      targetId: actor.id,
    });
    return saved!;
  });
}
