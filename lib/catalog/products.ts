import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { currencies, products, type Product } from "@/db/schema/catalog";
import { recordAudit } from "@/lib/platform/record-audit";
import { type User } from "@/db/schema/users";
import { telegramOverflow } from "./telegram-overflow";
import { formatMajorUnits, parseMajorUnits } from "@/lib/platform/money-input";
import { enqueuePostsRefresh } from "./refresh-posts";
import { ownedBy } from "@/lib/auth/owned-by";
import { isUuid } from "@/lib/platform/uuid";
import { parseInput } from "@/lib/platform/app-error";
import { hasNoNul } from "@/lib/platform/storable-text";
import { checkGalleryKeys, replaceGallery } from "./product-gallery";

/** The gallery in order, the cover first; left out, an update keeps the photos as they are. */
type WithPhotos = ProductInput & { photoKeys?: string[] };

// Stripe's smallest charge in EUR, CHF, USD and GBP is 0.50 (GBP 0.30; 0.50 keeps one rule).
const MIN_PRICE_MINOR = 50;
// Stripe's largest: eight digits of the smallest unit, 999,999.99 in our two-decimal
// currencies (a zero-decimal one would allow 99,999,999 of its units). It also keeps the
// price well inside its integer column, which ends at 2,147,483,647.
const MAX_PRICE_MINOR = 99_999_999;

/**
 * A product as a seller enters it (form or API). Messages are keys the faces translate
 * (productForm.errors.* in messages/); each issue names its field.
 */
export const productInput = z
  .object({
    // The API passes text as it came; a NUL character cannot be stored (PostgreSQL refuses it).
    title: z
      .string()
      .trim()
      .min(1, "required")
      .max(120, "tooLong")
      .refine(hasNoNul, "invalidCharacters"),
    // No length of its own: Telegram's limits below say by how much it is over.
    description: z.string().trim().refine(hasNoNul, "invalidCharacters").default(""),
    price: z.union([z.string(), z.number()], { error: "required" }).transform((value, ctx) => {
      const minor =
        typeof value === "number" ? Math.round(value * 100) : parseMajorUnits(value.trim());
      if (minor === undefined || !Number.isFinite(minor)) {
        ctx.addIssue({ code: "custom", message: "invalidPrice" });
        return z.NEVER;
      }
      if (minor < MIN_PRICE_MINOR) {
        ctx.addIssue({ code: "custom", message: "priceTooLow" });
        return z.NEVER;
      }
      if (minor > MAX_PRICE_MINOR) {
        ctx.addIssue({ code: "custom", message: "priceTooHigh" });
        return z.NEVER;
      }
      return minor;
    }),
    currency: z.enum(currencies, { error: "invalidCurrency" }).default("EUR"),
    stock: z
      .union([z.string(), z.number(), z.null()])
      .optional()
      .transform((value, ctx) => {
        if (value === null || value === undefined || value === "") return null;
        const stock = typeof value === "number" ? value : Number(value.trim());
        if (!Number.isInteger(stock) || stock < 0 || stock > 1_000_000) {
          ctx.addIssue({ code: "custom", message: "invalidStock" });
          return z.NEVER;
        }
        return stock;
      }),
    /** Whether the post and card will carry a photo: then Telegram's caption limit applies. */
    hasPhoto: z.boolean().default(false),
  })
  // zod runs this only when price, currency and stock parsed (it skips it after a failed
  // transform or enum), so the texts can be rendered as they will be sent.
  .superRefine((product, ctx) => {
    const overflow = telegramOverflow(product);
    if (overflow) {
      ctx.addIssue({
        code: "custom",
        path: [overflow.field],
        message: "tooLongForTelegram",
        params: { over: overflow.over },
      });
    }
  });

export type ProductInput = z.input<typeof productInput>;

/** The product as it will be stored; refuses with `invalid` and one problem per field. */
export function validateProduct(input: ProductInput) {
  return parseInput(productInput, input, "product");
}

export async function listProducts(db: Database, actor: User, { archived = false } = {}) {
  return db
    .select()
    .from(products)
    .where(
      and(ownedBy(products.sellerId, actor), archived ? undefined : isNull(products.archivedAt)),
    )
    .orderBy(desc(products.createdAt));
}

/** One product the actor may see, or undefined (another seller's product looks like none). */
export async function findProduct(db: Database, actor: User, productId: string) {
  if (!isUuid(productId)) return undefined;
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), ownedBy(products.sellerId, actor)));
  return product;
}

export async function createProduct(
  db: Database,
  actor: User,
  input: WithPhotos,
): Promise<Product> {
  const photoKeys = input.photoKeys ?? [];
  checkGalleryKeys(photoKeys);
  const valid = validateProduct({ ...input, hasPhoto: photoKeys.length > 0 });
  return db.transaction(async (tx) => {
    const [product] = await tx
      .insert(products)
      .values({
        sellerId: actor.id,
        title: valid.title,
        description: valid.description,
        priceMinor: valid.price,
        currency: valid.currency,
        stock: valid.stock,
        // Opaque and unguessable: the deep link must not reveal or enumerate products.
        deepLinkPayload: `p_${randomBytes(9).toString("base64url")}`,
      })
      .returning();
    if (!product) throw new Error("product insert returned nothing");
    await replaceGallery(tx, product, photoKeys);
    await recordAudit(tx, {
      actorUserId: actor.id,
      action: "product.created",
      targetType: "product",
      targetId: product.id,
    });
    return { ...product, photoKey: photoKeys[0] ?? null };
  });
}

export async function updateProduct(
  db: Database,
  actor: User,
  productId: string,
  input: WithPhotos,
): Promise<Product | undefined> {
  const existing = await findProduct(db, actor, productId);
  if (!existing) return undefined;
  if (input.photoKeys) checkGalleryKeys(input.photoKeys);
  const hasPhoto = input.photoKeys ? input.photoKeys.length > 0 : Boolean(existing.photoKey);
  const valid = validateProduct({ ...input, hasPhoto });
  return db.transaction(async (tx) => {
    if (input.photoKeys) await replaceGallery(tx, existing, input.photoKeys);
    const [product] = await tx
      .update(products)
      .set({
        title: valid.title,
        description: valid.description,
        priceMinor: valid.price,
        currency: valid.currency,
        stock: valid.stock,
        updatedAt: new Date(),
      })
      .where(eq(products.id, existing.id))
      .returning();
    // Stock may have reached or left zero: the posts' buttons follow.
    if (valid.stock !== existing.stock) await enqueuePostsRefresh(tx, existing.id);
    return product;
  });
}

export async function archiveProduct(db: Database, actor: User, productId: string) {
  const existing = await findProduct(db, actor, productId);
  if (!existing) return undefined;
  return db.transaction(async (tx) => {
    const [product] = await tx
      .update(products)
      .set({ archivedAt: existing.archivedAt ?? new Date(), updatedAt: new Date() })
      .where(eq(products.id, existing.id))
      .returning();
    await enqueuePostsRefresh(tx, existing.id);
    return product;
  });
}

/** A stored product in the shape the form and the API take, e.g. to apply a partial change. */
export function productAsInput(product: Product): ProductInput {
  return {
    title: product.title,
    description: product.description,
    price: formatMajorUnits(product.priceMinor),
    currency: product.currency,
    stock: product.stock,
  };
}
