// The dashboard's button looks, in one place so every form's main action looks the same.
// Plain strings as well as <Button> variants: links (<a>, <Link>) that look like buttons use them.
// Brand 600, not the brand hue 500: white text on it needs 4.5:1 (WCAG AA), 500 gives 3.0:1.
export const primaryButton =
  "rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60";

export const secondaryButton =
  "rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-40";

/** For a step that removes something for good (archive, refund): outlined in red. */
export const dangerButton =
  "rounded-lg border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-500";

/** A removing step inside a list row (revoke, take down), where a framed button would crowd it. */
export const dangerLinkButton = "text-sm font-medium text-red-700 hover:underline";
