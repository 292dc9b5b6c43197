import { getTranslations } from "next-intl/server";
import { ProductForm } from "@/components/products/product-form";
import { PageHeader } from "@/components/ui/page-header";
import { saveProduct } from "../actions";

export default async function NewProductPage() {
  const t = await getTranslations("productForm");
  return (
    <>
      <PageHeader title={t("new")} />
      <ProductForm action={saveProduct} initial={{ currency: "EUR" }} />
    </>
  );
}
