import { currentUser } from "@/lib/current-user";
import { database } from "@/lib/database";
import { settings } from "@/lib/env";
import { localPhotoReader } from "@/lib/photo-storage";
import { findProduct } from "@/lib/products";

const types: Record<string, string> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp" };

/** A product's photo for the signed-in seller's own pages (the publish preview). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  const product = await findProduct(await database(), user, (await params).id);
  const bytes = product?.photoKey
    ? await localPhotoReader(settings().DATA_DIR)(product.photoKey)
    : undefined;
  if (!product?.photoKey || !bytes) return new Response("No photo.", { status: 404 });
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": types[product.photoKey.split(".").pop() ?? ""] ?? "application/octet-stream",
      "Cache-Control": "private, max-age=300",
    },
  });
}
