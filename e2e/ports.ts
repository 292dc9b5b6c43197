// Specs that start an app of their own (with simulators, a real issuer or PostgreSQL) take a
// port at a fixed distance from the main e2e server's, so two checkouts can run the suite side
// by side by giving each its own E2E_PORT (the defaults are 3311, 3321–3401, 3411–3413 and 3421–3451).
export const mainPort = Number(process.env.E2E_PORT ?? 3311);

export function specPort(
  offset: 10 | 20 | 30 | 40 | 50 | 60 | 70 | 80 | 90 | 110 | 120 | 130 | 140,
): number {
  return mainPort + offset;
}
