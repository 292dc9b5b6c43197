import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { appSettings } from "@/db/schema/platform";

/**
 * A secret the app makes for itself on first use and keeps in the database, so every copy
 * shares it and the first run needs no configuration. The insert race between copies is
 * settled by the primary key: whoever loses reads the winner's value.
 */
export async function appSecret(db: Database, key: string): Promise<string> {
  await db
    .insert(appSettings)
    .values({ key, value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const row = await db.query.appSettings.findFirst({ where: eq(appSettings.key, key) });
  if (!row) throw new Error(`app secret ${key} could not be stored`);
  return row.value;
}
