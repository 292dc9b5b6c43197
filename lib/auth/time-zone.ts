import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users, type User } from "@/db/schema/users";

/** Dates before the seller's zone is known (the first render, before the browser reports it). */
export const fallbackTimeZone = "UTC";

// Whatever this runtime's Intl knows (an IANA name or alias, e.g. Europe/Berlin, UTC); anything
// else would make every date on the dashboard throw.
function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine(isKnownTimeZone, "is not a time zone (e.g. Europe/Berlin)");

/** The user's zone, or UTC until one is known. */
export function timeZoneOf(user: Pick<User, "timeZone"> | undefined): string {
  return user?.timeZone ?? fallbackTimeZone;
}

/**
 * Every zone the Settings list offers, by name, with UTC (Intl lists only places) and the
 * stored one (a browser may report an alias such as Asia/Calcutta) among them.
 */
export function selectableTimeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return [...new Set([fallbackTimeZone, ...zones, current])];
}

/**
 * Stores the zone the browser reports, only while none is stored: a zone chosen in Settings
 * stays chosen on a laptop set to another one. Says whether it changed anything.
 */
export async function rememberBrowserTimeZone(db: Database, userId: string, zone: string) {
  const updated = await db
    .update(users)
    .set({ timeZone: zone })
    .where(and(eq(users.id, userId), isNull(users.timeZone)))
    .returning({ id: users.id });
  return updated.length > 0;
}

/** The zone chosen in Settings. */
export async function chooseTimeZone(db: Database, userId: string, zone: string) {
  await db.update(users).set({ timeZone: zone }).where(eq(users.id, userId));
}
