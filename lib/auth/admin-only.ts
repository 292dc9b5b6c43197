import type { User } from "@/db/schema/users";
import { AppError } from "@/lib/platform/app-error";

/** Admins run the whole installation: deploys, monitoring, invites, the system's health. */
export function isAdmin(user: Pick<User, "role">): boolean {
  return user.role === "admin";
}

/** Refuses anyone but an admin with `forbidden`, the one way an admin-only refusal is said. */
export function assertAdmin(user: Pick<User, "role">): void {
  if (!isAdmin(user)) throw new AppError("forbidden", "admin_only");
}
