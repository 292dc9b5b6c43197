import Link from "next/link";
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

export default async function ProductsPage({
  searchParams,
}: {
  searchParams: Promise<{ saved?: string | string[] }>;
}) {
  // Set by saving a product (products/actions.ts); anything else in it names no product here.
  const { saved } = await searchParams;
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
        <ProductList user={user} savedId={typeof saved === "string" ? saved : undefined} />
      </Suspense>
    </>
  );
}

/**
 * The seller's products, or what to do first while there are none. Right after a save, the
 * saved product is confirmed with the next step most sellers take: publishing it.
 */
async function ProductList({ user, savedId }: { user: User; savedId?: string }) {
  const [t, tForm, products] = await Promise.all([
    getTranslations("products"),
    getTranslations("productForm"),
    listProducts(await database(), user),
  ]);
  if (products.length === 0) return <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />;
  const saved = products.find((product) => product.id === savedId);
  return (
    <>
      {saved ? (
        <div
          role="status"
          className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900"
        >
          <span className="font-medium">{tForm("saved")}</span>
          {saved.archivedAt ? null : (
            <Link
              href={`/products/${saved.id}#publish`}
              className="font-medium text-brand-700 underline underline-offset-2"
            >
              {t("publishNow")}
            </Link>
          )}
        </div>
      ) : null}
      <ProductsTable products={products} />
    </>
  );
}
