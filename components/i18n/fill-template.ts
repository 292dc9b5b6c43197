/**
 * Fills the `{name}` placeholders of a message the server translated but could not finish,
 * because the values only exist in the browser (a count the seller is selecting, an action's
 * result). It replaces next-intl's client formatter, which cost every form page ~12 kB gzip.
 *
 * Only plain placeholders: values are inserted as `String(value)`, which is what next-intl
 * does for `{name}` too. Plurals, selects and number or date styles stay on the server, where
 * next-intl renders them; `fill-template.test.ts` checks each client template against it.
 */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : placeholder,
  );
}
