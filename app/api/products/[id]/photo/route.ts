import { objectStorage } from "@/lib/services";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { photoContentType } from "@/lib/catalog/store-photo";
import { findProduct } from "@/lib/catalog/products";

/** A product's photo for the signed-in seller's own pages (the publish preview). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  const product = await findProduct(await database(), user, (await params).id);
  const bytes = product?.photoKey ? await objectStorage().get(product.photoKey) : undefined;
  if (!product?.photoKey || !bytes) return new Response("No photo.", { status: 404 });
  // Served as the format the upload was re-encoded in (store-photo.ts) and never as what a
  // browser might guess from the bytes: this answer says nosniff itself rather than relying
  // on the app-wide headers alone.
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": photoContentType(product.photoKey),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=300",
    },
  });
}
