import type { Database } from "@/db/client";
import type { User } from "@/db/schema/users";
import { checkGalleryKeys } from "./product-gallery";
import { createProduct, updateProduct, type ProductInput } from "./products";

export interface ProductForm extends ProductInput {
  /** Empty for a new product. */
  id: string;
  /**
   * The gallery as the form shows it, the cover first: photos uploaded one by one beforehand
   * (uploadProductPhoto), so no single request carries more than one photo.
   */
  photoKeys: string[];
}

/** The product form's Save. Undefined: no such product of this seller. */
export async function saveProductForm(db: Database, actor: User, { id, ...values }: ProductForm) {
  checkGalleryKeys(values.photoKeys, { fromForm: true });
  return id ? await updateProduct(db, actor, id, values) : await createProduct(db, actor, values);
}
