// The dashboard's form fields, in one place so every form's labels and inputs look alike.
// Plain strings: forms keep their own <label>/<input> markup (ids, aria-* and names are theirs).

/** A field's label above its input. */
export const fieldLabel = "block text-sm font-medium text-slate-800";

/**
 * A text input, select or textarea under its label. Width is the form's choice (add `w-full`,
 * `max-w-md`…); a field the server refused (`aria-invalid`) gets a red border.
 */
export const textInput =
  "mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-500 focus:outline-2 focus:outline-brand-500 aria-[invalid=true]:border-red-600";

/** The same, one size smaller, for filters and inline fields beside a table. */
export const compactInput =
  "mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm focus:border-brand-500 focus:outline-2 focus:outline-brand-500";
