/**
 * Reads a price as sellers type it — "12.90", "12,90", "1.299,00", "€ 5" — into minor units.
 * Returns undefined for anything that is not a plain amount with at most two decimals.
 */
export function parseMajorUnits(input: string): number | undefined {
  const cleaned = input.replace(/[\s€$£]|CHF/g, "");
  // The last separator followed by one or two digits is the decimal mark; others group.
  const match = /^(\d{1,3}(?:[.,' ]?\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  const whole = Number((match[1] ?? "").replace(/[.,' ]/g, ""));
  const fraction = Number((match[2] ?? "0").padEnd(2, "0"));
  const minor = whole * 100 + fraction;
  return Number.isSafeInteger(minor) ? minor : undefined;
}

/** The amount as a seller would type it back into the form: "12.90". */
export function formatMajorUnits(minor: number): string {
  return (minor / 100).toFixed(2);
}
