import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { ProductForm } from "@/components/products/product-form";
import { PageHeader } from "@/components/ui/page-header";
import { currentUser } from "@/lib/current-user";
import { database } from "@/lib/database";
import { findProduct, productAsInput } from "@/lib/products";
import { archiveProductAction, saveProduct } from "../actions";

export default async function EditProductPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const product = await findProduct(await database(), user, (await params).id);
  if (!product) notFound();
  const t = await getTranslations("productForm");
  const input = productAsInput(product);
  return (
    <>
      <PageHeader title={t("edit")} description={product.title} />
      <ProductForm
        action={saveProduct}
        productId={product.id}
        hasPhoto={Boolean(product.photoKey)}
        initial={{
          title: input.title,
          description: input.description ?? "",
          price: String(input.price),
          currency: input.currency ?? "EUR",
          stock: input.stock === null || input.stock === undefined ? "" : String(input.stock),
        }}
      />
      {product.archivedAt ? null : (
        <form action={archiveProductAction} className="mt-8 border-t border-slate-200 pt-6">
          <input type="hidden" name="id" value={product.id} />
          <button
            type="submit"
            className="rounded-lg border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-500"
          >
            {t("archive")}
          </button>
        </form>
      )}
    </>
  );
}
