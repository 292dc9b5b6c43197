"use client";

import { useEffect, useRef } from "react";
import { joinClasses } from "./class-names";

const tones = {
  success: "bg-emerald-700 text-white",
  error: "bg-red-700 text-white",
} as const;

/** Calls `onDismiss` after `ms`; returns what cancels it (an effect's cleanup). */
export function dismissAfter(ms: number, onDismiss: () => void): () => void {
  const timer = setTimeout(onDismiss, ms);
  return () => clearTimeout(timer);
}

/**
 * A short message at the bottom of the screen that goes by itself after `duration` ms, or
 * when dismissed. The status region is rendered even while empty: screen readers announce
 * text that appears in a live region they already know, not one that arrives with it.
 */
export function Toast({
  message,
  onDismiss,
  dismissLabel,
  tone = "success",
  duration = 5000,
}: {
  message: string | undefined;
  onDismiss: () => void;
  dismissLabel: string;
  tone?: keyof typeof tones;
  duration?: number;
}) {
  // The latest callback, so a parent re-rendering with a new function does not restart the clock.
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  });
  useEffect(
    () => (message ? dismissAfter(duration, () => dismiss.current()) : undefined),
    [message, duration],
  );
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      <div
        className={
          message
            ? joinClasses(
                "pointer-events-auto flex items-center gap-3 rounded-lg px-4 py-3 text-sm shadow-lg",
                tones[tone],
              )
            : undefined
        }
      >
        <p role="status">{message}</p>
        {message ? (
          <button
            type="button"
            aria-label={dismissLabel}
            onClick={onDismiss}
            className="rounded px-1 text-base leading-none focus-visible:outline-2 focus-visible:outline-white"
          >
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
      </div>
    </div>
  );
}
