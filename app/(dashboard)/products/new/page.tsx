import { getLocale, getTranslations } from "next-intl/server";
import { ProductForm } from "@/components/products/product-form";
import { productFormLabels } from "@/components/products/product-form-labels";
import { PageHeader } from "@/components/ui/page-header";
import { saveProduct, uploadProductPhotoAction } from "../actions";

export default async function NewProductPage() {
  const [t, labels, locale] = await Promise.all([
    getTranslations("productForm"),
    productFormLabels(),
    getLocale(),
  ]);
  return (
    <>
      <PageHeader title={t("new")} />
      <ProductForm
        labels={labels}
        action={saveProduct}
        uploadPhoto={uploadProductPhotoAction}
        initial={{ currency: "EUR" }}
        locale={locale}
      />
    </>
  );
}
