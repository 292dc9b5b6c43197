import type { Product } from "@/db/schema/catalog";
import { channelPostCaption } from "@/lib/catalog/post-caption";

/** The post as Telegram shows it in a channel: photo, caption, one Buy button below. */
export function PostPreview({
  product,
  locale,
  buyLabel,
}: {
  product: Product;
  locale: string;
  buyLabel: string;
}) {
  // The caption is built from escaped text with only <b> added, as sent to Telegram.
  const html = channelPostCaption({ ...product, price: product.priceMinor }, locale);
  return (
    <figure className="w-full max-w-sm overflow-hidden rounded-2xl bg-white shadow ring-1 ring-slate-200">
      {product.photoKey ? (
        // eslint-disable-next-line @next/next/no-img-element -- a private, per-seller image route; next/image would cache it publicly
        <img
          src={`/api/products/${product.id}/photo`}
          alt=""
          className="max-h-72 w-full object-cover"
        />
      ) : null}
      <figcaption
        className="whitespace-pre-line px-4 py-3 text-sm text-slate-900"
        dangerouslySetInnerHTML={{ __html: html }}
      />
      <div className="border-t border-slate-100 px-4 py-2 text-center text-sm font-medium text-brand-600">
        {buyLabel}
      </div>
    </figure>
  );
}
