import type { PhotoSize } from "grammy/types";
import { badRequest } from "./api-error";
import { imageSize } from "./image-size";
import { isUploadedFile, type UploadedFile } from "./request-params";
import type { BotState, StoredFile } from "./state";

// Telegram keeps a photo in several sizes, each side capped at one of these (s, m, x, y, w).
const SIDE_LIMITS = [90, 320, 800, 1280, 2560];
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
// A photo by URL is not fetched (the simulator has no internet), so its size is made up.
const UNKNOWN = { width: 800, height: 800 };

/**
 * Resolves sendPhoto's `photo`: an upload, a file_id the bot got earlier, or an HTTP URL.
 * Uploads whose format is not recognised are accepted with a made-up size, so tests can send
 * any bytes; Telegram would reject what is not an image.
 */
export function resolvePhoto(bot: BotState, value: unknown): PhotoSize[] {
  if (isUploadedFile(value)) return storeUpload(bot, value);
  if (typeof value !== "string" || value === "")
    throw badRequest("there is no photo in the request");
  const known = bot.files.get(value);
  if (known) return known.photo;
  if (/^https?:\/\/\S+$/i.test(value)) return storePhoto(bot, UNKNOWN, { url: value });
  throw badRequest("wrong file identifier/HTTP URL specified");
}

function storeUpload(bot: BotState, file: UploadedFile): PhotoSize[] {
  if (file.data.length === 0) throw badRequest("file must be non-empty");
  if (file.data.length > MAX_PHOTO_BYTES) throw badRequest("PHOTO_INVALID_DIMENSIONS");
  return storePhoto(bot, imageSize(file.data) ?? UNKNOWN, {
    data: file.data,
    filename: file.filename,
    file_size: file.data.length,
    contentType: contentTypeOf(file.data),
  });
}

function storePhoto(
  bot: BotState,
  original: { width: number; height: number },
  source: Partial<Pick<StoredFile, "data" | "filename" | "file_size" | "contentType" | "url">>,
): PhotoSize[] {
  const n = ++bot.counters.files;
  // Telegram never issues a file_id twice. The counter starts again in a fresh or reset
  // simulator while the app's database keeps the file_ids it stored, so a random part keeps
  // an old file_id unknown (refused) rather than naming another world's photo.
  const issue = globalThis.crypto.randomUUID().slice(0, 8);
  const longest = Math.max(original.width, original.height, 1);
  const sides = SIDE_LIMITS.filter((limit) => limit < longest);
  sides.push(Math.min(longest, SIDE_LIMITS.at(-1) ?? longest));
  const photo: PhotoSize[] = sides.map((side, i) => {
    const scale = side / longest;
    const largest = i === sides.length - 1;
    const fileSize =
      source.file_size && Math.round(source.file_size * (largest ? 1 : scale * scale));
    return {
      file_id: `photo_${bot.me.id}_${n}_${i}_${issue}`,
      file_unique_id: `unique_${n}_${i}_${issue}`,
      width: Math.max(1, Math.round(original.width * scale)),
      height: Math.max(1, Math.round(original.height * scale)),
      ...(fileSize ? { file_size: fileSize } : {}),
    };
  });
  photo.forEach((size, i) => {
    bot.files.set(size.file_id, {
      ...source,
      file_id: size.file_id,
      file_unique_id: size.file_unique_id,
      file_path: `photos/file_${n}_${i}.jpg`,
      ...(size.file_size ? { file_size: size.file_size } : {}),
      photo,
    });
  });
  return photo;
}

function contentTypeOf(data: Uint8Array): string {
  if (data[0] === 0x89 && data[1] === 0x50) return "image/png";
  if (data[0] === 0xff && data[1] === 0xd8) return "image/jpeg";
  if (data[0] === 0x47 && data[1] === 0x49) return "image/gif";
  return "application/octet-stream";
}
