"use client";

import { useState } from "react";
import { fillTemplate } from "@/components/i18n/fill-template";
import { primaryButton } from "@/components/ui/button-styles";
import type { SellerRightsProblem } from "@/lib/channels/check-seller-rights";
import type { PublishResult } from "@/lib/channels/publish-product";
import type { UpdatePostResult } from "@/lib/channels/update-post";
import { PostedChannel, type PostedChannelLabels } from "./posted-channel";

interface ChannelChoice {
  id: string;
  title: string;
  /** The product's live post in this channel, if it has one. */
  post?: { id: string; url: string };
}

type Publish = (productId: string, channelId: string) => Promise<PublishResult | undefined>;
type UpdatePost = (productId: string, postId: string) => Promise<UpdatePostResult | undefined>;

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
  postedChannel: PostedChannelLabels;
}

/**
 * Pick channels and publish: one request per channel, in turn, so progress and each channel's
 * result show as they happen (Telegram allows a post per channel every few seconds anyway).
 * A channel that already shows the product is not offered again with the others: it is listed
 * as posted, with Update post and a confirmed Post again.
 */
export function PublishPanel({
  labels,
  publish,
  updatePost,
  productId,
  channels,
}: {
  labels: PublishPanelLabels;
  publish: Publish;
  updatePost: UpdatePost;
  productId: string;
  channels: ChannelChoice[];
}) {
  const [results, setResults] = useState<PublishResult[]>([]);
  const [current, setCurrent] = useState<{ index: number; total: number; title: string }>();
  if (channels.length === 0) return <p className="text-sm text-slate-600">{labels.noChannels}</p>;
  const posted = channels.filter((channel) => channel.post);
  const unposted = channels.filter((channel) => !channel.post);

  async function publishTo(chosen: ChannelChoice[]) {
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
    <div className="space-y-3">
      {posted.length > 0 ? (
        <ul className="divide-y divide-slate-100">
          {posted.map((channel) => (
            <PostedChannel
              key={channel.id}
              labels={labels.postedChannel}
              title={channel.title}
              postUrl={channel.post!.url}
              busy={Boolean(current)}
              onUpdate={() => updatePost(productId, channel.post!.id)}
              onPostAgain={() => void publishTo([channel])}
            />
          ))}
        </ul>
      ) : null}
      {unposted.length > 0 ? (
        <form
          action={(form) =>
            publishTo(unposted.filter((channel) => form.getAll("channelId").includes(channel.id)))
          }
          className="space-y-3"
        >
          <fieldset className="space-y-2">
            {unposted.map((channel) => (
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
        </form>
      ) : null}
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
    </div>
  );
}
