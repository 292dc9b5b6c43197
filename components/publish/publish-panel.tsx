"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { PublishState } from "@/app/(dashboard)/products/actions";
import { primaryButton } from "@/components/ui/button-styles";

interface ChannelChoice {
  id: string;
  title: string;
}

/** Pick channels, publish, and see each channel's result as it comes back. */
export function PublishPanel({
  action,
  productId,
  channels,
}: {
  action: (state: PublishState, form: FormData) => Promise<PublishState>;
  productId: string;
  channels: ChannelChoice[];
}) {
  const t = useTranslations("publish");
  const [state, formAction, pending] = useActionState(action, {});
  if (channels.length === 0) return <p className="text-sm text-slate-600">{t("noChannels")}</p>;
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="productId" value={productId} />
      <fieldset className="space-y-2">
        {channels.map((channel) => (
          <label key={channel.id} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name="channelId"
              value={channel.id}
              defaultChecked
              className="size-4"
            />
            {channel.title}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? t("publishing") : t("publish")}
      </button>
      {pending ? (
        <p role="status" className="text-sm text-slate-600">
          {t("publishing")}
        </p>
      ) : null}
      {state.results ? (
        <ul role="status" className="space-y-1 text-sm">
          {state.results.map((result) => (
            <li key={result.channelId} className={result.ok ? "text-emerald-800" : "text-red-700"}>
              {result.title}: {result.ok ? t("published") : `${t("failed")} – ${result.error}`}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
