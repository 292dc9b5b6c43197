import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { ProductsTable } from "@/components/products/products-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { PageHeader } from "@/components/ui/page-header";
import { currentUser } from "@/lib/current-user";
import { database } from "@/lib/database";
import { listProducts } from "@/lib/products";

export const generateMetadata = () => sectionMetadata("products");

export default async function ProductsPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const [t, tForm, products] = await Promise.all([
    getTranslations("products"),
    getTranslations("productForm"),
    listProducts(await database(), user),
  ]);
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title={t("title")} description={t("description")} />
        <LinkButton href="/products/new">{tForm("new")}</LinkButton>
      </div>
      {products.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <ProductsTable products={products} />
      )}
    </>
  );
}
