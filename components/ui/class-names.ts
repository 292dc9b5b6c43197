/**
 * Joins a primitive's own classes with the caller's, leaving out the empty ones, so the
 * rendered class attribute carries no stray spaces or "undefined".
 */
export function joinClasses(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}
