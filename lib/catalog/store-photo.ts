import { randomUUID } from "node:crypto";
import sharp from "sharp";
import type { ObjectStorage } from "@/lib/platform/object-storage";

// Telegram takes photos up to 10 MB.
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
// A 10 MB file can unpack to far more pixels than memory holds (a "decompression bomb": 1 GB
// for 268 million pixels, sharp's default limit). 50 million pass any phone's 48 or 50 MP mode.
const MAX_PHOTO_PIXELS = 50_000_000;
// Telegram shows a photo at most 2560 px on its longer side and refuses sides adding up to
// more than 10,000: a larger one is scaled down to that here, once, instead of at every send.
const MAX_PHOTO_SIDE = 2560;

// The formats Telegram shows as photos, recognised by their first bytes (not the file name or
// the browser's claimed type, which anyone can set) and then by sharp decoding them.
const formats = [
  {
    extension: "jpg",
    type: "image/jpeg",
    sharpFormat: "jpeg",
    matches: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    extension: "png",
    type: "image/png",
    sharpFormat: "png",
    matches: (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  },
  {
    extension: "webp",
    type: "image/webp",
    sharpFormat: "webp",
    matches: (b: Uint8Array) =>
      Buffer.from(b.subarray(0, 4)).toString() === "RIFF" &&
      Buffer.from(b.subarray(8, 12)).toString() === "WEBP",
  },
] as const;
type PhotoFormat = (typeof formats)[number];

export const photoKeyFormat = /^[0-9a-f-]{36}\.(jpg|png|webp)$/;

export function photoContentType(key: string): string {
  return (
    formats.find(({ extension }) => key.endsWith(`.${extension}`))?.type ??
    "application/octet-stream"
  );
}

export type StoredPhoto =
  { ok: true; key: string } | { ok: false; error: "invalidPhoto" | "photoTooLarge" };

/**
 * Checks an uploaded product photo and keeps it in the object store under a new random key,
 * drawn again from its pixels (reencodePhoto): what is stored and served is only a picture.
 */
export async function storePhoto(storage: ObjectStorage, bytes: Uint8Array): Promise<StoredPhoto> {
  if (bytes.byteLength > MAX_PHOTO_BYTES) return { ok: false, error: "photoTooLarge" };
  const format = formats.find(({ matches }) => matches(bytes));
  if (!format) return { ok: false, error: "invalidPhoto" };
  const photo = await reencodePhoto(bytes, format);
  if (!photo.ok) return photo;
  const key = `${randomUUID()}.${format.extension}`;
  await storage.put(key, photo.bytes, format.type);
  return { ok: true, key };
}

/**
 * The photo decoded and encoded again in its own format. A file can be an image and something
 * else at once (a "polyglot": a valid PNG or JPEG followed by HTML or a script, or carrying it
 * in a text chunk, a comment or EXIF); served from our origin, a browser that guesses the type
 * could run it. Only the pixels survive re-encoding, so whatever else the file carried is
 * gone, and with it the photo's metadata (a phone's GPS position among them). The orientation
 * the camera recorded is applied first, as it would be lost with the rest.
 */
async function reencodePhoto(
  bytes: Uint8Array,
  format: PhotoFormat,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: "invalidPhoto" | "photoTooLarge" }> {
  try {
    // The header only: the size is known before a single pixel is unpacked.
    const header = await sharp(bytes, { limitInputPixels: false }).metadata();
    // The first bytes said one thing and the content another: not a plain image.
    if (header.format !== format.sharpFormat) return { ok: false, error: "invalidPhoto" };
    if (header.width * header.height > MAX_PHOTO_PIXELS) {
      return { ok: false, error: "photoTooLarge" };
    }
    // "error": a file a viewer shows despite a warning (a camera's odd marker) is taken.
    const redrawn = await sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: "error" })
      .rotate()
      .resize({
        width: MAX_PHOTO_SIDE,
        height: MAX_PHOTO_SIDE,
        fit: "inside",
        withoutEnlargement: true,
      })
      .toFormat(format.sharpFormat, format.sharpFormat === "png" ? {} : { quality: 90 })
      .toBuffer();
    return { ok: true, bytes: redrawn };
  } catch {
    // sharp could not decode it (truncated, corrupt, or not the image it claims to be).
    return { ok: false, error: "invalidPhoto" };
  }
}
