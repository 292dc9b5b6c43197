import type { ObjectStorage } from "@/lib/platform/object-storage";
import { photoContentType } from "./store-photo";

/**
 * A stored product photo as an HTTP answer for the seller's own pages, or 404. Served as the
 * format the upload was re-encoded in (store-photo.ts) and never as what a browser might guess
 * from the bytes: this answer says nosniff itself rather than relying on the app-wide headers.
 */
export async function photoResponse(
  storage: ObjectStorage,
  key: string | null | undefined,
  { immutable = false } = {},
): Promise<Response> {
  const bytes = key ? await storage.get(key) : undefined;
  if (!key || !bytes) return new Response("No photo.", { status: 404 });
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": photoContentType(key),
      "X-Content-Type-Options": "nosniff",
      // A key names one upload's bytes for good (a new photo gets a new key); the cover's
      // address shows whichever photo is the cover now, so it is kept only briefly.
      "Cache-Control": immutable ? "private, max-age=31536000, immutable" : "private, max-age=300",
    },
  });
}
