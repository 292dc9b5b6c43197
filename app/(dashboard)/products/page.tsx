import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { sectionMetadata } from "@/components/dashboard/empty-section";
import { ProductsTable } from "@/components/products/products-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { PageHeader } from "@/components/ui/page-header";
import { ListSkeleton } from "@/components/ui/skeleton";
import type { User } from "@/db/schema/users";
import { requireUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { listProducts } from "@/lib/catalog/products";

export const generateMetadata = () => sectionMetadata("products");

export default async function ProductsPage() {
  const user = await requireUser();
  const [t, tForm, tApp] = await Promise.all([
    getTranslations("products"),
    getTranslations("productForm"),
    getTranslations("app"),
  ]);
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title={t("title")} description={t("description")} />
        <LinkButton href="/products/new">{tForm("new")}</LinkButton>
      </div>
      <Suspense fallback={<ListSkeleton label={tApp("loading")} />}>
        <ProductList user={user} />
      </Suspense>
    </>
  );
}

/** The seller's products, or what to do first while there are none. */
async function ProductList({ user }: { user: User }) {
  const [t, products] = await Promise.all([
    getTranslations("products"),
    listProducts(await database(), user),
  ]);
  if (products.length === 0) return <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />;
  return <ProductsTable products={products} />;
}
