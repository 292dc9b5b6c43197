"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { database } from "@/lib/platform/database";
import { objectStorage, telegramApi } from "@/lib/services";
import { botIdentity } from "@/lib/services";
import { deletePost, publishProduct, type PublishResult } from "@/lib/channels/publish-product";
import { updateChannelPost, type UpdatePostResult } from "@/lib/channels/update-post";
import { archiveProduct, type ProductInput } from "@/lib/catalog/products";
import { saveProductForm } from "@/lib/catalog/save-product";
import { storePhoto, type StoredPhoto } from "@/lib/catalog/store-photo";
import {
  formText,
  formValues,
  signedInAction,
  signedInFormAction,
} from "@/lib/auth/signed-in-action";
import type { ProductFormState } from "@/components/products/product-form";

const productForm = z.object({
  id: formText,
  title: formText,
  description: formText,
  price: formText,
  // Checked by the product schema, which names the field if it is not one of ours.
  currency: formText.transform((value) => value as ProductInput["currency"]),
  stock: formText,
});

// What was typed, shown again with the problems beside their fields.
const typed = (form: FormData) => {
  const { title, description, price, currency, stock } = productForm.parse(formValues(form));
  return { title, description, price, currency, stock };
};

export const saveProduct = signedInFormAction<typeof productForm, ProductFormState>(
  productForm,
  {
    refused: (error, form) => {
      if (error.code !== "invalid") throw error;
      return { values: typed(form), errors: error.details.fields ?? {} };
    },
  },
  async (input, user, form) => {
    // The gallery in order, the cover first: one hidden field per photo (ProductGalleryEditor).
    const photoKeys = form.getAll("photoKeys").map(String);
    const saved = await saveProductForm(await database(), user, { ...input, photoKeys });
    if (!saved) notFound();
    revalidatePath("/products");
    // The list says it was saved and offers Publish for it (products/page.tsx).
    redirect(`/products?saved=${saved.id}`);
  },
);

/**
 * Stores one photo for the gallery editor, before the product is saved: each photo is its own
 * request, under the server actions' 11 MB limit, however many the gallery gets. Answers the
 * key the form then saves, or why the photo was refused.
 */
export const uploadProductPhotoAction = signedInAction(
  async (_user, form: FormData): Promise<StoredPhoto> => {
    const photo = form.get("photo");
    if (!(photo instanceof File) || photo.size === 0) return { ok: false, error: "invalidPhoto" };
    return storePhoto(objectStorage(), new Uint8Array(await photo.arrayBuffer()));
  },
);

export const archiveProductAction = signedInAction(async (user, form: FormData) => {
  const archived = await archiveProduct(await database(), user, String(form.get("id") ?? ""));
  if (!archived) notFound();
  revalidatePath("/products");
  redirect("/products");
});

/**
 * Publishes a product to one channel. The page calls it once per chosen channel, so the seller
 * sees each channel's result as it comes in.
 */
export const publishToChannel = signedInAction(
  async (user, productId: string, channelId: string): Promise<PublishResult | undefined> => {
    const [api, bot] = [telegramApi(), await botIdentity()];
    if (!api || !bot) return undefined;
    const results = await publishProduct(
      await database(),
      {
        api,
        botId: bot.id,
        botUsername: bot.username,
        readPhoto: (key) => objectStorage().get(key),
      },
      user,
      String(productId),
      [String(channelId)],
    );
    revalidatePath(`/products/${productId}`);
    return results?.[0];
  },
);

/** Edits a live channel post to show the product as saved now (lib/channels/update-post.ts). */
export const updatePostAction = signedInAction(
  async (user, productId: string, postId: string): Promise<UpdatePostResult | undefined> => {
    const [api, bot] = [telegramApi(), await botIdentity()];
    if (!api || !bot) return undefined;
    const result = await updateChannelPost(
      await database(),
      { api, botUsername: bot.username },
      user,
      String(postId),
    );
    revalidatePath(`/products/${String(productId)}`);
    return result;
  },
);

export const deletePostAction = signedInAction(async (user, form: FormData) => {
  const api = telegramApi();
  if (api) await deletePost(await database(), api, user, String(form.get("postId") ?? ""));
  revalidatePath(`/products/${String(form.get("productId") ?? "")}`);
});
