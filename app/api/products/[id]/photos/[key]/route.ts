import { objectStorage } from "@/lib/services";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { findProduct } from "@/lib/catalog/products";
import { listGallery } from "@/lib/catalog/product-gallery";
import { photoResponse } from "@/lib/catalog/photo-response";

/**
 * One photo of a product's gallery, by its key, for the signed-in seller's own pages (the
 * gallery editor, the products list). Only a key of this seller's product is served.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; key: string }> },
) {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  const { id, key } = await params;
  const db = await database();
  const product = await findProduct(db, user, id);
  const gallery = product ? await listGallery(db, product) : [];
  const inGallery = gallery.some((photo) => photo.key === key);
  return photoResponse(objectStorage(), inGallery ? key : undefined, { immutable: true });
}
