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
    photo: t("photo"),
    photoHint: t("photoHint"),
    currentPhoto: t("currentPhoto"),
    dropHint: t("dropHint"),
    preview: t("livePreview"),
    buy: tPublish("buy"),
    save: t("save"),
    saving: t("saving"),
    // Raw: the form fills in `{over}` once the server action has counted.
    errors: t.raw("errors") as Record<string, string>,
  };
}
