import type { User } from "@/db/schema/users";

/**
 * The role a user has when the operator names the admins (ADMIN_TELEGRAM_IDS): exactly those
 * ids are admins, whatever the database says (someone taken off the list is a seller from
 * their next request on). Without a list the stored role stands (the first user is admin).
 */
export function roleUnderAdminList(
  adminTelegramIds: readonly number[],
  user: Pick<User, "role" | "telegramId">,
): User["role"] {
  if (adminTelegramIds.length === 0) return user.role;
  if (adminTelegramIds.includes(user.telegramId)) return "admin";
  return user.role === "admin" ? "seller" : user.role;
}

/** The user with their role as the admin list has it. */
export function withConfiguredRole<T extends Pick<User, "role" | "telegramId">>(
  adminTelegramIds: readonly number[],
  user: T,
): T {
  const role = roleUnderAdminList(adminTelegramIds, user);
  return role === user.role ? user : { ...user, role };
}
