import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { migratedTestDatabase } from "@/test/database";
import { withConfiguredRole } from "./configured-admins";
import { createInvite } from "./create-invite";
import { signInSeller } from "./sign-in-seller";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("admin_list");
});
afterAll(() => connection.close());

const operator = 7001;
const stranger = 7002;
const listed = { adminTelegramIds: [operator] };

describe("with ADMIN_TELEGRAM_IDS set", () => {
  it("does not make the first stranger to sign in an admin", async () => {
    expect(
      await signInSeller(connection.db, { telegramId: stranger, name: "Eve" }, listed),
    ).toEqual({ ok: false, reason: "invite_required" });
    const admin = await signInSeller(connection.db, { telegramId: operator, name: "Ops" }, listed);
    expect(admin).toMatchObject({ ok: true, user: { role: "admin" } });
  });

  it("takes admin rights away from someone no longer listed, at sign-in and on every request", async () => {
    const admin = await signInSeller(connection.db, { telegramId: operator, name: "Ops" }, listed);
    if (!admin.ok) throw new Error("the listed admin was refused");
    expect(withConfiguredRole([operator], admin.user).role).toBe("admin");
    // The operator replaces the list: the next request already sees a seller.
    expect(withConfiguredRole([9999], admin.user).role).toBe("seller");
    const again = await signInSeller(
      connection.db,
      { telegramId: operator, name: "Ops" },
      { adminTelegramIds: [9999] },
    );
    expect(again).toMatchObject({ ok: true, user: { role: "seller" } });
    // Without a list the stored role stands.
    expect(withConfiguredRole([], { role: "seller", telegramId: operator }).role).toBe("seller");
  });

  it("admits an admin's invitee as a seller: an invite cannot make an admin the list does not name", async () => {
    const admin = await signInSeller(connection.db, { telegramId: operator, name: "Ops" }, listed);
    if (!admin.ok) throw new Error("the listed admin was refused");
    const { token } = await createInvite(connection.db, admin.user, "admin");
    const joined = await signInSeller(
      connection.db,
      { telegramId: 7003, name: "New" },
      { ...listed, inviteToken: token },
    );
    expect(joined).toMatchObject({ ok: true, created: true, user: { role: "seller" } });
  });
});
