import type { Database } from "@/db/client";
import { auditLog } from "@/db/schema/platform";

export type AuditEntry = Omit<typeof auditLog.$inferInsert, "id" | "createdAt">;

/**
 * Writes who did what to which thing. Pass the transaction of the change itself, so the entry
 * exists exactly when the change does.
 */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}
