import type { Database } from "@/db/client";
import type { User } from "@/db/schema/users";
import { saveProductForm, type ProductForm } from "@/lib/catalog/save-product";
import { storePhoto } from "@/lib/catalog/store-photo";
import type { ObjectStorage } from "@/lib/platform/object-storage";

/**
 * Saves a product with these photos as the dashboard does: each photo uploaded on its own
 * (uploadProductPhotoAction), then the form saved with their keys, the first the cover.
 * Throws what storePhoto refused, naming the photo by its place.
 */
export async function saveWithPhotos(
  db: Database,
  storage: ObjectStorage,
  seller: User,
  form: Omit<ProductForm, "photoKeys"> & { photoKeys?: string[] },
  photos: Uint8Array[],
) {
  const keys = [...(form.photoKeys ?? [])];
  for (const [index, photo] of photos.entries()) {
    const stored = await storePhoto(storage, photo);
    if (!stored.ok) throw new Error(`photo ${index + 1}: ${stored.error}`);
    keys.push(stored.key);
  }
  return saveProductForm(db, seller, { ...form, photoKeys: keys });
}
