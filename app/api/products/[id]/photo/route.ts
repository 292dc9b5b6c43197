import { objectStorage } from "@/lib/services";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { findProduct } from "@/lib/catalog/products";
import { photoResponse } from "@/lib/catalog/photo-response";

/** A product's cover photo for the signed-in seller's own pages (the publish preview). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  const product = await findProduct(await database(), user, (await params).id);
  return photoResponse(objectStorage(), product?.photoKey);
}
