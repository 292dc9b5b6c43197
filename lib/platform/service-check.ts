/** Something wrong that an admin can fix, as a key the page translates, with its values. */
export interface Problem {
  code: string;
  values?: Record<string, string | number | Date>;
}

/** One service's health: what was found out, and what is wrong (nothing when ok). */
export interface ServiceCheck<Facts> {
  ok: boolean;
  facts: Partial<Facts>;
  problems: Problem[];
}

export const CHECK_TIMEOUT_MS = 5000;

export function checked<Facts>(facts: Partial<Facts>, problems: Problem[]): ServiceCheck<Facts> {
  return { ok: problems.length === 0, facts, problems };
}

/** An API's error as a short text: its message, without anything that looks like a secret. */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\d+:[A-Za-z0-9_-]{20,}/g, "[token]").replace(/sk_\w+/g, "[key]");
}
