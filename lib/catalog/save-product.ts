import type { Database } from "@/db/client";
import type { User } from "@/db/schema/users";
import { AppError, isAppError } from "@/lib/platform/app-error";
import type { ObjectStorage } from "@/lib/platform/object-storage";
import { createProduct, updateProduct, type ProductInput } from "./products";
import { photoKeyFormat, storePhoto } from "./store-photo";

export interface ProductForm extends ProductInput {
  /** Empty for a new product. */
  id: string;
  /** A photo stored by an earlier submit that failed validation. */
  photoKey: string;
  photo?: Uint8Array;
}

/**
 * The product form's Save: stores a new photo, then creates or updates the product. A refusal
 * carries the photo key in `details.photoKey`, so the form offers the stored photo again
 * instead of asking for the upload twice. Undefined: no such product of this seller.
 */
export async function saveProductForm(
  db: Database,
  storage: ObjectStorage,
  actor: User,
  { id, photoKey: previousKey, photo, ...values }: ProductForm,
) {
  let photoKey = photoKeyFormat.test(previousKey) ? previousKey : undefined;
  if (photo) {
    const stored = await storePhoto(storage, photo);
    if (!stored.ok) {
      const fields = { photo: { key: stored.error } };
      throw new AppError("invalid", "product", { fields, photoKey });
    }
    photoKey = stored.key;
  }
  try {
    return id
      ? await updateProduct(db, actor, id, { ...values, photoKey })
      : await createProduct(db, actor, { ...values, photoKey });
  } catch (error) {
    if (!isAppError(error, "invalid")) throw error;
    throw new AppError(error.code, error.reason, { ...error.details, photoKey });
  }
}
