import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ProductForm } from "@/components/products/product-form";
import { PageHeader } from "@/components/ui/page-header";
import { saveProduct } from "../actions";

export default async function NewProductPage() {
  const t = await getTranslations("productForm");
  return (
    <>
      <PageHeader title={t("new")} />
      <ClientMessages namespaces={["productForm"]}>
        <ProductForm action={saveProduct} initial={{ currency: "EUR" }} />
      </ClientMessages>
    </>
  );
}
