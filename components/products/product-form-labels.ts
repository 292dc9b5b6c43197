import { getTranslations } from "next-intl/server";
import type { ProductFormLabels } from "./product-form";

/** The product form's texts in the request's language, for both the new and the edit page. */
export async function productFormLabels(): Promise<ProductFormLabels> {
  const [t, tPublish] = await Promise.all([
    getTranslations("productForm"),
    getTranslations("publish"),
  ]);
  return {
    title: t("title"),
    description: t("description"),
    descriptionHint: t("descriptionHint"),
    price: t("price"),
    currency: t("currency"),
    stock: t("stock"),
    stockHint: t("stockHint"),
    photos: t("photos"),
    photosHint: t("photosHint"),
    gallery: {
      dropHint: t("gallery.dropHint"),
      cover: t("gallery.cover"),
      // Raw: the editor fills in which photo ({n} of {count}) or file ({name}) in the browser.
      photoAlt: t.raw("gallery.photoAlt") as string,
      moveLeft: t.raw("gallery.moveLeft") as string,
      moveRight: t.raw("gallery.moveRight") as string,
      remove: t.raw("gallery.remove") as string,
      uploading: t.raw("gallery.uploading") as string,
      full: t("gallery.full"),
      refused: t.raw("gallery.refused") as string,
      problems: {
        invalidPhoto: t("errors.invalidPhoto"),
        photoTooLarge: t("errors.photoTooLarge"),
        uploadFailed: t("gallery.uploadFailed"),
      },
    },
    preview: t("livePreview"),
    buy: tPublish("buy"),
    save: t("save"),
    saving: t("saving"),
    // Raw: the form fills in `{over}` once the server action has counted.
    errors: t.raw("errors") as Record<string, string>,
  };
}
