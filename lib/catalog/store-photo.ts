import { randomUUID } from "node:crypto";
import type { ObjectStorage } from "@/lib/platform/object-storage";

// Telegram takes photos up to 10 MB.
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

// The formats Telegram shows as photos, recognised by their first bytes (not the file name or
// the browser's claimed type, which anyone can set).
const formats: Array<[string, string, (bytes: Uint8Array) => boolean]> = [
  ["jpg", "image/jpeg", (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ["png", "image/png", (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  [
    "webp",
    "image/webp",
    (b) =>
      Buffer.from(b.subarray(0, 4)).toString() === "RIFF" &&
      Buffer.from(b.subarray(8, 12)).toString() === "WEBP",
  ],
];

export const photoKeyFormat = /^[0-9a-f-]{36}\.(jpg|png|webp)$/;

export function photoContentType(key: string): string {
  return (
    formats.find(([extension]) => key.endsWith(`.${extension}`))?.[1] ?? "application/octet-stream"
  );
}

export type StoredPhoto =
  { ok: true; key: string } | { ok: false; error: "invalidPhoto" | "photoTooLarge" };

/** Checks an uploaded product photo and keeps it in the object store under a new random key. */
export async function storePhoto(storage: ObjectStorage, bytes: Uint8Array): Promise<StoredPhoto> {
  if (bytes.byteLength > MAX_PHOTO_BYTES) return { ok: false, error: "photoTooLarge" };
  const format = formats.find(([, , matches]) => matches(bytes));
  if (!format) return { ok: false, error: "invalidPhoto" };
  const key = `${randomUUID()}.${format[0]}`;
  await storage.put(key, bytes, format[1]);
  return { ok: true, key };
}
