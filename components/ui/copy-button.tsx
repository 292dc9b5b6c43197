"use client";

import { useEffect, useState } from "react";
import { Button } from "./button";

/** The texts, translated by the page that uses the button. */
export interface CopyButtonLabels {
  copy: string;
  /** Announced once the text is on the clipboard. */
  copied: string;
  /** Announced when the browser refused the clipboard and the text was selected instead. */
  manual: string;
}

/**
 * Copies `text` to the clipboard and says so in a polite live region, so a screen reader hears
 * "Copied" too. Where the browser refuses (plain http, a denied permission, an old browser),
 * it selects the element `selectId` names, so one Ctrl+C/⌘C still does it.
 */
export function CopyButton({
  text,
  selectId,
  labels,
}: {
  text: string;
  selectId?: string;
  labels: CopyButtonLabels;
}) {
  const [outcome, setOutcome] = useState<"copied" | "manual" | undefined>();

  // "Copied" fades after a while, so copying again announces it again.
  useEffect(() => {
    if (outcome !== "copied") return;
    const timer = setTimeout(() => setOutcome(undefined), 4_000);
    return () => clearTimeout(timer);
  }, [outcome]);

  async function copy() {
    try {
      // navigator.clipboard is missing outside secure contexts: that throws here, too.
      await navigator.clipboard.writeText(text);
      setOutcome("copied");
    } catch {
      const target = selectId ? document.getElementById(selectId) : null;
      if (target) window.getSelection()?.selectAllChildren(target);
      setOutcome("manual");
    }
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" onClick={copy} className="px-3 py-1.5">
        {labels.copy}
      </Button>
      <span aria-live="polite" className="text-sm text-slate-700">
        {outcome ? labels[outcome] : ""}
      </span>
    </span>
  );
}
