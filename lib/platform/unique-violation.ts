/** PostgreSQL's unique_violation (23505), however deep a driver or Drizzle wrapped it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    const { code, constraint: violated } = e as { code?: string; constraint?: string };
    if (code === "23505") return constraint === undefined || violated === constraint;
  }
  return false;
}
