import { getFormatter, getTranslations } from "next-intl/server";
import { ConfirmButton } from "@/components/ui/confirm-button";

interface PostRow {
  id: string;
  status: "posted" | "sold_out" | "deleted";
  createdAt: Date;
  channelTitle: string;
}

/** Where the product is posted, and a way to take a post down. */
export async function PostList({
  posts,
  productId,
  deleteAction,
}: {
  posts: PostRow[];
  productId: string;
  deleteAction: (form: FormData) => Promise<void>;
}) {
  const [t, tConfirm, format] = await Promise.all([
    getTranslations("publish"),
    getTranslations("confirmAction"),
    getFormatter(),
  ]);
  if (posts.length === 0) return <p className="text-sm text-slate-500">{t("noPosts")}</p>;
  return (
    <ul aria-label={t("posts")} className="divide-y divide-slate-100 text-sm">
      {posts.map((post) => (
        <li key={post.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <span>
            <span className="font-medium">{post.channelTitle}</span>{" "}
            <span className="text-slate-500">
              {format.dateTime(post.createdAt, { dateStyle: "medium", timeStyle: "short" })} ·{" "}
              {t(`postStatus.${post.status}`)}
            </span>
          </span>
          {post.status === "deleted" ? null : (
            <form action={deleteAction}>
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="productId" value={productId} />
              <ConfirmButton
                variant="dangerLink"
                labels={{
                  trigger: t("deletePost"),
                  question: tConfirm("deletePost"),
                  confirm: tConfirm("confirm"),
                  keep: tConfirm("keep"),
                }}
              />
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}
