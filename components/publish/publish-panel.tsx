"use client";

import { useState } from "react";
import { fillTemplate } from "@/components/i18n/fill-template";
import { primaryButton } from "@/components/ui/button-styles";
import type { SellerRightsProblem } from "@/lib/channels/check-seller-rights";
import type { PublishResult } from "@/lib/channels/publish-product";

interface ChannelChoice {
  id: string;
  title: string;
}

type Publish = (productId: string, channelId: string) => Promise<PublishResult | undefined>;

/** Texts translated on the server; `progress` is a template with {index}, {total}, {title}. */
export interface PublishPanelLabels {
  publish: string;
  publishing: string;
  progress: string;
  published: string;
  failed: string;
  noChannels: string;
  /** Why a channel was not posted to before anything was sent. */
  problems: Record<SellerRightsProblem, string>;
}

/**
 * Pick channels and publish: one request per channel, in turn, so progress and each channel's
 * result show as they happen (Telegram allows a post per channel every few seconds anyway).
 */
export function PublishPanel({
  labels,
  publish,
  productId,
  channels,
}: {
  labels: PublishPanelLabels;
  publish: Publish;
  productId: string;
  channels: ChannelChoice[];
}) {
  const [results, setResults] = useState<PublishResult[]>([]);
  const [current, setCurrent] = useState<{ index: number; total: number; title: string }>();
  if (channels.length === 0) return <p className="text-sm text-slate-600">{labels.noChannels}</p>;

  async function run(form: FormData) {
    const chosen = channels.filter((channel) => form.getAll("channelId").includes(channel.id));
    setResults([]);
    for (const [index, channel] of chosen.entries()) {
      setCurrent({ index: index + 1, total: chosen.length, title: channel.title });
      const result = await publish(productId, channel.id).catch((): PublishResult => ({
        channelId: channel.id,
        title: channel.title,
        ok: false,
        error: "—",
      }));
      if (result) setResults((done) => [...done, result]);
    }
    setCurrent(undefined);
  }

  return (
    <form action={run} className="space-y-3">
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
      <button type="submit" disabled={Boolean(current)} className={primaryButton}>
        {current ? labels.publishing : labels.publish}
      </button>
      {current ? (
        <p aria-live="polite" className="text-sm text-slate-600">
          {fillTemplate(labels.progress, current)}
        </p>
      ) : null}
      {results.length > 0 ? (
        <ul role="status" className="space-y-1 text-sm">
          {results.map((result) => (
            <li key={result.channelId} className={result.ok ? "text-emerald-800" : "text-red-700"}>
              {result.title}:{" "}
              {result.ok
                ? labels.published
                : `${labels.failed} – ${result.problem ? labels.problems[result.problem] : result.error}`}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
