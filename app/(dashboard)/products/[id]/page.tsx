import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ProductForm } from "@/components/products/product-form";
import { productFormLabels } from "@/components/products/product-form-labels";
import { PostList } from "@/components/publish/post-list";
import { PostPreview } from "@/components/publish/post-preview";
import { listPosts } from "@/lib/channels/publish-product";
import { PublishPanel } from "@/components/publish/publish-panel";
import { listChannels } from "@/lib/channels/connect-channel";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { findProduct, productAsInput } from "@/lib/catalog/products";
import { archiveProductAction, deletePostAction, publishToChannel, saveProduct } from "../actions";

export default async function EditProductPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const db = await database();
  const product = await findProduct(db, user, (await params).id);
  if (!product) notFound();
  const [t, tPublish, tConfirm, formLabels, locale, channels, posts] = await Promise.all([
    getTranslations("productForm"),
    getTranslations("publish"),
    getTranslations("confirmAction"),
    productFormLabels(),
    getLocale(),
    listChannels(db, user),
    listPosts(db, user, product.id),
  ]);
  const input = productAsInput(product);
  return (
    <>
      <PageHeader title={t("edit")} description={product.title} />
      <Card aria-labelledby="publish-title" className="mb-8 grid gap-6 md:grid-cols-2">
        <div>
          <CardTitle id="publish-title">{tPublish("title")}</CardTitle>
          <p className="mb-4 mt-1 text-sm text-slate-600">{tPublish("hint")}</p>
          {product.archivedAt ? (
            <p className="text-sm text-slate-600">{tPublish("archivedHint")}</p>
          ) : (
            <PublishPanel
              labels={{
                publish: tPublish("publish"),
                publishing: tPublish("publishing"),
                // Filled in the browser as each channel's turn comes.
                progress: tPublish.raw("progress") as string,
                published: tPublish("published"),
                failed: tPublish("failed"),
                noChannels: tPublish("noChannels"),
                problems: {
                  seller_not_admin: tPublish("problems.seller_not_admin"),
                  telegram_unavailable: tPublish("problems.telegram_unavailable"),
                },
              }}
              publish={publishToChannel}
              productId={product.id}
              channels={channels.map(({ id, title }) => ({ id, title }))}
            />
          )}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-medium text-slate-600">{tPublish("posts")}</h3>
          <PostList posts={posts} productId={product.id} deleteAction={deletePostAction} />
          <h3 className="mb-2 mt-5 text-sm font-medium text-slate-600">{tPublish("preview")}</h3>
          <PostPreview product={product} locale={locale} buyLabel={tPublish("buy")} />
        </div>
      </Card>
      <ProductForm
        labels={formLabels}
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
          <ConfirmButton
            labels={{
              trigger: t("archive"),
              question: tConfirm("archiveProduct"),
              confirm: tConfirm("confirm"),
              keep: tConfirm("keep"),
            }}
          />
        </form>
      )}
    </>
  );
}
