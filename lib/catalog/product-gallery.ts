import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { MAX_PRODUCT_PHOTOS, productPhotos, products, type Product } from "@/db/schema/catalog";
import { AppError } from "@/lib/platform/app-error";
import { photoKeyFormat } from "./store-photo";

/** One photo of a product's gallery, with what Telegram answered for its first upload. */
export interface GalleryPhoto {
  key: string;
  fileId: string | null;
  fileBotId: number | null;
}

type GalleryOf = Pick<Product, "id" | "photoKey" | "photoFileId" | "photoFileBotId">;

/** The product's photos in order, the cover first; empty when it has none. */
export async function listGallery(db: Database, product: GalleryOf): Promise<GalleryPhoto[]> {
  if (!product.photoKey) return [];
  const rest = await db
    .select()
    .from(productPhotos)
    .where(eq(productPhotos.productId, product.id))
    .orderBy(asc(productPhotos.position));
  return [
    { key: product.photoKey, fileId: product.photoFileId, fileBotId: product.photoFileBotId },
    ...rest.map((row) => ({
      key: row.photoKey,
      fileId: row.photoFileId,
      fileBotId: row.photoFileBotId,
    })),
  ];
}

/**
 * Refuses a gallery of more than ten photos (Telegram's album limit), or one photo twice. With
 * `fromForm`, also a key that is not one storePhoto hands out (the form's fields can be edited).
 */
export function checkGalleryKeys(keys: string[], { fromForm = false } = {}) {
  const problem =
    keys.length > MAX_PRODUCT_PHOTOS
      ? "tooManyPhotos"
      : (fromForm && keys.some((key) => !photoKeyFormat.test(key))) ||
          new Set(keys).size !== keys.length
        ? "invalidPhoto"
        : undefined;
  if (problem) throw new AppError("invalid", "product", { fields: { photos: { key: problem } } });
}

/**
 * Makes `keys` the product's gallery, in that order, the first its cover. Photos that stay
 * keep their file_ids wherever they move, so a reorder uploads nothing to Telegram again.
 * Runs inside the caller's transaction (the product row is already locked by its update).
 */
export async function replaceGallery(tx: Database, product: Product, keys: string[]) {
  checkGalleryKeys(keys);
  const known = new Map((await listGallery(tx, product)).map((photo) => [photo.key, photo]));
  const [cover, ...rest] = keys.map(
    (key) => known.get(key) ?? { key, fileId: null, fileBotId: null },
  );
  await tx
    .update(products)
    .set({
      photoKey: cover?.key ?? null,
      photoFileId: cover?.fileId ?? null,
      photoFileBotId: cover?.fileBotId ?? null,
    })
    .where(eq(products.id, product.id));
  await tx.delete(productPhotos).where(eq(productPhotos.productId, product.id));
  if (rest.length > 0) {
    await tx.insert(productPhotos).values(
      rest.map((photo, index) => ({
        productId: product.id,
        position: index + 1,
        photoKey: photo.key,
        photoFileId: photo.fileId,
        photoFileBotId: photo.fileBotId,
      })),
    );
  }
}

/**
 * Keeps Telegram's file_id for a photo, only while the product still shows that photo (as the
 * cover or further on): a seller who removed it meanwhile must not get its id for another.
 */
export async function rememberGalleryFileId(
  db: Database,
  productId: string,
  photo: { key: string; fileId: string; botId: number },
) {
  const set = { photoFileId: photo.fileId, photoFileBotId: photo.botId };
  await db
    .update(products)
    .set(set)
    .where(and(eq(products.id, productId), eq(products.photoKey, photo.key)));
  await db
    .update(productPhotos)
    .set(set)
    .where(and(eq(productPhotos.productId, productId), eq(productPhotos.photoKey, photo.key)));
}

/** Forgets the file_ids one bot holds for the product's photos (Telegram refused one of them). */
export async function forgetGalleryFileIds(db: Database, productId: string, botId: number) {
  const cleared = { photoFileId: null, photoFileBotId: null };
  await db
    .update(products)
    .set(cleared)
    .where(and(eq(products.id, productId), eq(products.photoFileBotId, botId)));
  await db
    .update(productPhotos)
    .set(cleared)
    .where(and(eq(productPhotos.productId, productId), eq(productPhotos.photoFileBotId, botId)));
}
