import { and, eq } from "drizzle-orm";
import { InputFile } from "grammy";
import type { Message } from "grammy/types";
import type { Database } from "@/db/client";
import { products, type Product } from "@/db/schema/catalog";
import { isFileIdRefused } from "@/lib/telegram/telegram-error";

export interface PhotoSender {
  /** The bot that sends: Telegram honours a file_id only from the bot it was given to. */
  botId: number;
  /** The photo's bytes in the object store, for the first upload (and after a refusal). */
  readPhoto?: (key: string) => Promise<Uint8Array | undefined>;
}

/** One send of the photo, e.g. `(photo) => api.sendPhoto(chatId, photo, { caption })`. */
export type SendPhoto = (photo: string | InputFile) => Promise<Message.PhotoMessage>;

type PhotoOf = Pick<Product, "id" | "photoKey" | "photoFileId" | "photoFileBotId">;

/**
 * A product's photo for one or more sends. Telegram keeps what a bot uploaded and hands back a
 * file_id for it; sending that instead of the bytes saves the upload (a promo burst used to
 * upload the same photo for every card). The first send without a stored file_id uploads and
 * stores the largest size's file_id; concurrent first sends may each store theirs, the last
 * one stays, and any of them works. A stored file_id Telegram refuses is cleared and the bytes
 * are uploaded again in the same send.
 */
export function productPhoto(db: Database, product: PhotoOf, sender: PhotoSender) {
  const photoKey = product.photoKey;
  let fileId = product.photoFileBotId === sender.botId ? product.photoFileId : null;
  // Read once, however many sends need them (an upload to a channel that refused the post).
  let bytes: Promise<Uint8Array | undefined> | undefined;
  return {
    /**
     * Sends the photo with `send`. Undefined, with nothing sent, when there is no photo to send:
     * the product has none, or its bytes are gone and Telegram no longer has it either.
     */
    async send(send: SendPhoto): Promise<Message.PhotoMessage | undefined> {
      if (!photoKey) return undefined;
      if (fileId) {
        try {
          return await send(fileId);
        } catch (error) {
          if (!isFileIdRefused(error)) throw error;
          await forgetPhotoFileId(db, product.id, fileId);
          fileId = null;
        }
      }
      bytes ??= sender.readPhoto?.(photoKey) ?? Promise.resolve(undefined);
      const photo = await bytes;
      if (!photo) return undefined;
      const message = await send(new InputFile(photo));
      const largest = message.photo.at(-1)?.file_id;
      if (largest) {
        fileId = largest;
        await rememberPhotoFileId(db, product.id, photoKey, sender.botId, largest);
      }
      return message;
    },
  };
}

async function rememberPhotoFileId(
  db: Database,
  productId: string,
  photoKey: string,
  botId: number,
  fileId: string,
) {
  // Only while the product still shows the photo that was uploaded: a seller who replaced it
  // meanwhile must not get the old photo's file_id for the new one.
  await db
    .update(products)
    .set({ photoFileId: fileId, photoFileBotId: botId })
    .where(and(eq(products.id, productId), eq(products.photoKey, photoKey)));
}

async function forgetPhotoFileId(db: Database, productId: string, fileId: string) {
  // Only the refused one: another send may have stored a good one meanwhile.
  await db
    .update(products)
    .set({ photoFileId: null, photoFileBotId: null })
    .where(and(eq(products.id, productId), eq(products.photoFileId, fileId)));
}
