import type { ComponentProps } from "react";
import { joinClasses } from "./class-names";

// Neutral for plain statuses; success and danger for a check's verdict (ok / problem);
// plain when the caller colours it (one colour per order status).
const tones = {
  plain: "",
  neutral: "bg-slate-100 font-medium text-slate-700",
  success: "bg-emerald-100 font-semibold text-emerald-800",
  danger: "bg-red-100 font-semibold text-red-800",
} as const;

export type BadgeTone = keyof typeof tones;

/** A small pill that names a status; its text is what screen readers hear. */
export function Badge({
  tone = "neutral",
  className,
  ...props
}: ComponentProps<"span"> & { tone?: BadgeTone }) {
  return (
    <span
      className={joinClasses("rounded-full px-2 py-0.5 text-xs", tones[tone], className)}
      {...props}
    />
  );
}
