import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ProductForm } from "@/components/products/product-form";
import { productFormLabels } from "@/components/products/product-form-labels";
import { PostList } from "@/components/publish/post-list";
import { listPosts } from "@/lib/channels/publish-product";
import { PublishPanel } from "@/components/publish/publish-panel";
import { listChannels } from "@/lib/channels/connect-channel";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { findProduct, productAsInput } from "@/lib/catalog/products";
import { listGallery } from "@/lib/catalog/product-gallery";
import { postLink } from "@/lib/channels/post-link";
import {
  archiveProductAction,
  deletePostAction,
  publishToChannel,
  saveProduct,
  updatePostAction,
  uploadProductPhotoAction,
} from "../actions";

export default async function EditProductPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const db = await database();
  const product = await findProduct(db, user, (await params).id);
  if (!product) notFound();
  const [t, tPublish, tConfirm, formLabels, locale, channels, posts, gallery] = await Promise.all([
    getTranslations("productForm"),
    getTranslations("publish"),
    getTranslations("confirmAction"),
    productFormLabels(),
    getLocale(),
    listChannels(db, user),
    listPosts(db, user, product.id),
    listGallery(db, product),
  ]);
  const input = productAsInput(product);
  // Each channel's newest post still there (posts come newest first): the panel offers it for
  // an update rather than posting a duplicate next to it.
  const livePost = (channelId: string) => {
    const post = posts.find((p) => p.channelId === channelId && p.status !== "deleted");
    return post && { id: post.id, url: postLink(post) };
  };
  return (
    <>
      <PageHeader title={t("edit")} description={product.title} />
      <Card id="publish" aria-labelledby="publish-title" className="mb-8 grid gap-6 md:grid-cols-2">
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
                postedChannel: {
                  posted: tPublish("postedChannel.posted"),
                  openPost: tPublish("postedChannel.openPost"),
                  update: tPublish("postedChannel.update"),
                  updating: tPublish("postedChannel.updating"),
                  results: {
                    updated: tPublish("postedChannel.updated"),
                    gone: tPublish("postedChannel.gone"),
                    failed: tPublish("postedChannel.updateFailed"),
                  },
                  again: {
                    trigger: tPublish("postedChannel.again"),
                    title: tPublish("postedChannel.againTitle"),
                    message: tPublish("postedChannel.againMessage"),
                    confirm: tPublish("postedChannel.againConfirm"),
                    cancel: tPublish("postedChannel.againCancel"),
                  },
                },
              }}
              publish={publishToChannel}
              updatePost={updatePostAction}
              productId={product.id}
              channels={channels.map(({ id, title }) => ({ id, title, post: livePost(id) }))}
            />
          )}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-medium text-slate-600">{tPublish("posts")}</h3>
          <PostList posts={posts} productId={product.id} deleteAction={deletePostAction} />
        </div>
      </Card>
      <ProductForm
        labels={formLabels}
        action={saveProduct}
        productId={product.id}
        photoKeys={gallery.map((photo) => photo.key)}
        uploadPhoto={uploadProductPhotoAction}
        locale={locale}
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
