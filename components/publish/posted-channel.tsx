"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, type ConfirmDialogLabels } from "@/components/ui/confirm-dialog";
import type { UpdatePostResult } from "@/lib/channels/update-post";

export interface PostedChannelLabels {
  posted: string;
  openPost: string;
  update: string;
  updating: string;
  results: Record<UpdatePostResult | "failed", string>;
  /** "Post again": asks first, since it adds a second copy to the channel. */
  again: ConfirmDialogLabels;
}

/**
 * A channel that already shows the product: a link to the post, Update post (edits it in
 * place) and Post again, which asks first, since a second copy is rarely what a seller wants.
 */
export function PostedChannel({
  labels,
  title,
  postUrl,
  busy,
  onUpdate,
  onPostAgain,
}: {
  labels: PostedChannelLabels;
  title: string;
  postUrl: string;
  busy: boolean;
  onUpdate: () => Promise<UpdatePostResult | undefined>;
  onPostAgain: () => void;
}) {
  const [updating, setUpdating] = useState(false);
  const [result, setResult] = useState<UpdatePostResult | "failed">();
  async function update() {
    setUpdating(true);
    setResult(undefined);
    setResult((await onUpdate().catch(() => undefined)) ?? "failed");
    setUpdating(false);
  }
  return (
    <li className="space-y-2 py-2">
      <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
        <span className="font-medium text-slate-900">{title}</span>
        <span className="font-medium text-emerald-800">{labels.posted}</span>
        <a
          href={postUrl}
          target="_blank"
          rel="noreferrer"
          className="text-brand-700 hover:underline"
        >
          {labels.openPost} ↗
        </a>
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="secondary"
          disabled={busy || updating}
          onClick={() => void update()}
        >
          {updating ? labels.updating : labels.update}
        </Button>
        <ConfirmDialog
          labels={labels.again}
          variant="secondary"
          // Not a submit: the dialog sits beside the publish form, never inside it.
          confirmButton={{ type: "button", disabled: busy }}
          onConfirm={onPostAgain}
        />
      </div>
      {result ? (
        <p
          role="status"
          className={`text-sm ${result === "updated" ? "text-emerald-800" : "text-red-700"}`}
        >
          {labels.results[result]}
        </p>
      ) : null}
    </li>
  );
}
