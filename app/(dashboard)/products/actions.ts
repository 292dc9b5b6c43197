"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { objectStorage, telegramApi } from "@/lib/platform/services";
import { botIdentity } from "@/lib/telegram/bot-identity";
import { photoKeyFormat, storePhoto } from "@/lib/catalog/store-photo";
import { deletePost, publishProduct, type PublishResult } from "@/lib/channels/publish-product";
import {
  archiveProduct,
  createProduct,
  ProductInvalid,
  updateProduct,
  type FieldErrors,
  type ProductInput,
} from "@/lib/catalog/products";
import { withRequestLog } from "@/lib/platform/request-log";

export interface ProductFormState {
  values: Partial<Record<string, string>>;
  errors: FieldErrors;
  /** A photo already stored by an earlier submit that failed validation. */
  photoKey?: string;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export async function saveProduct(
  _previous: ProductFormState,
  form: FormData,
): Promise<ProductFormState> {
  return withRequestLog(async () => {
    const user = await currentUser();
    if (!user) redirect("/login");
    const values = {
      title: text(form, "title"),
      description: text(form, "description"),
      price: text(form, "price"),
      // Checked by the product schema, which names the field if it is not one of ours.
      currency: text(form, "currency") as ProductInput["currency"],
      stock: text(form, "stock"),
    };
    let photoKey = photoKeyFormat.test(text(form, "photoKey")) ? text(form, "photoKey") : undefined;
    const photo = form.get("photo");
    if (photo instanceof File && photo.size > 0) {
      const stored = await storePhoto(objectStorage(), new Uint8Array(await photo.arrayBuffer()));
      if (!stored.ok) return { values, errors: { photo: { key: stored.error } }, photoKey };
      photoKey = stored.key;
    }
    const productId = text(form, "id");
    const db = await database();
    try {
      const saved = productId
        ? await updateProduct(db, user, productId, { ...values, photoKey })
        : await createProduct(db, user, { ...values, photoKey });
      if (!saved) notFound();
    } catch (error) {
      if (error instanceof ProductInvalid) return { values, errors: error.fieldErrors, photoKey };
      throw error;
    }
    revalidatePath("/products");
    redirect("/products");
  });
}

export async function archiveProductAction(form: FormData) {
  return withRequestLog(async () => {
    const user = await currentUser();
    if (!user) redirect("/login");
    const archived = await archiveProduct(await database(), user, text(form, "id"));
    if (!archived) notFound();
    revalidatePath("/products");
    redirect("/products");
  });
}

/**
 * Publishes a product to one channel. The page calls it once per chosen channel, so the seller
 * sees each channel's result as it comes in.
 */
export async function publishToChannel(
  productId: string,
  channelId: string,
): Promise<PublishResult | undefined> {
  return withRequestLog(async () => {
    const user = await currentUser();
    if (!user) redirect("/login");
    const [api, bot] = [telegramApi(), await botIdentity()];
    if (!api || !bot) return undefined;
    const results = await publishProduct(
      await database(),
      { api, botUsername: bot.username, readPhoto: (key) => objectStorage().get(key) },
      user,
      String(productId),
      [String(channelId)],
    );
    revalidatePath(`/products/${productId}`);
    return results?.[0];
  });
}

export async function deletePostAction(form: FormData) {
  return withRequestLog(async () => {
    const user = await currentUser();
    if (!user) redirect("/login");
    const api = telegramApi();
    if (api) await deletePost(await database(), api, user, String(form.get("postId") ?? ""));
    revalidatePath(`/products/${String(form.get("productId") ?? "")}`);
  });
}
