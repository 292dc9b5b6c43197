import { InputFile, InputMediaBuilder } from "grammy";
import type { InputMediaPhoto, Message } from "grammy/types";
import type { Database } from "@/db/client";
import type { Product } from "@/db/schema/catalog";
import { isFileIdRefused } from "@/lib/telegram/telegram-error";
import { forgetGalleryFileIds, listGallery, rememberGalleryFileId } from "./product-gallery";
import type { PhotoSender } from "./send-product-photo";

/** One send of the album, e.g. `(media) => ctx.replyWithMediaGroup(media)`. */
export type SendAlbum = (media: InputMediaPhoto[]) => Promise<Message[]>;

type AlbumOf = Pick<Product, "id" | "photoKey" | "photoFileId" | "photoFileBotId">;

/**
 * Sends a product's gallery as one Telegram album (sendMediaGroup takes 2 to 10 photos), each
 * photo by the file_id the bot got for it before, else uploaded once and its file_id kept, as
 * productPhoto does for the cover (the cover's file_id is the same one, shared with the posts).
 * Telegram does not say which file_id of an album it refused: then all of this bot's are
 * forgotten and the photos uploaded again in the same send. Undefined, with nothing sent,
 * when fewer than two photos can be sent: the card then shows its one photo as before.
 */
export async function sendProductAlbum(
  db: Database,
  product: AlbumOf,
  sender: PhotoSender,
  send: SendAlbum,
): Promise<Message[] | undefined> {
  const gallery = await listGallery(db, product);
  if (gallery.length < 2) return undefined;
  const bytes = new Map<string, Promise<Uint8Array | undefined>>();
  const read = (key: string) => {
    if (!bytes.has(key)) bytes.set(key, sender.readPhoto?.(key) ?? Promise.resolve(undefined));
    return bytes.get(key);
  };
  const build = async (useFileIds: boolean) => {
    const photos = await Promise.all(
      gallery.map(async (photo) => {
        if (useFileIds && photo.fileId && photo.fileBotId === sender.botId) {
          return { key: photo.key, media: photo.fileId };
        }
        const data = await read(photo.key);
        // A photo whose bytes are gone is left out rather than failing the whole album.
        return data ? { key: photo.key, media: new InputFile(data) } : undefined;
      }),
    );
    return photos.filter((photo) => photo !== undefined);
  };

  let photos = await build(true);
  if (photos.length < 2) return undefined;
  let messages: Message[];
  try {
    messages = await send(photos.map(({ media }) => InputMediaBuilder.photo(media)));
  } catch (error) {
    if (!isFileIdRefused(error) || photos.every(({ media }) => typeof media !== "string")) {
      throw error;
    }
    await forgetGalleryFileIds(db, product.id, sender.botId);
    photos = await build(false);
    if (photos.length < 2) return undefined;
    messages = await send(photos.map(({ media }) => InputMediaBuilder.photo(media)));
  }
  // Telegram answers the album's messages in the order sent; only uploads gain a file_id.
  for (const [index, { key, media }] of photos.entries()) {
    const fileId = messages[index]?.photo?.at(-1)?.file_id;
    if (typeof media === "string" || !fileId) continue;
    await rememberGalleryFileId(db, product.id, { key, fileId, botId: sender.botId });
  }
  return messages;
}
