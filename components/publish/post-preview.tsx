import { channelPostCaption, type PostContent } from "@/lib/catalog/post-caption";

/**
 * The post as Telegram shows it in a channel: photo, caption, one Buy button below. Built with
 * the bot's own caption code, so what is previewed is what is posted; it imports nothing
 * server-only, so the product form renders it live in the browser as the seller types.
 */
export function PostPreview({
  content,
  photoUrl,
  locale,
  buyLabel,
}: {
  content: PostContent;
  photoUrl?: string;
  locale: string;
  buyLabel: string;
}) {
  // The caption is built from escaped text with only <b> added, as sent to Telegram.
  const html = channelPostCaption(content, locale);
  return (
    <figure className="w-full max-w-sm overflow-hidden rounded-2xl bg-white shadow ring-1 ring-slate-200">
      {photoUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- a private, per-seller image route (or the browser's own blob: URL); next/image would cache it publicly
        <img src={photoUrl} alt="" className="max-h-72 w-full object-cover" />
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
