import { isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { invites } from "@/db/schema/users";
import { migratedTestDatabase } from "@/test/database";
import { createInvite } from "./create-invite";
import { signInSeller } from "./sign-in-seller";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("sellers");
});
afterAll(() => connection.close());

const profile = (telegramId: number, name = "Sam") => ({ telegramId, name });
const noAdmins = { adminTelegramIds: [] };
// Whichever of the two racing first users won.
let firstAdmin = 0;

describe("signing in", () => {
  it("makes the first user an admin, and only one of two arriving at once", async () => {
    const results = await Promise.all([
      signInSeller(connection.db, profile(1001), noAdmins),
      signInSeller(connection.db, profile(1002), noAdmins),
    ]);
    const admitted = results.filter((r) => r.ok);
    expect(admitted).toHaveLength(1);
    expect(admitted[0]).toMatchObject({ ok: true, created: true, user: { role: "admin" } });
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "invite_required" }]);
    firstAdmin = admitted[0]?.ok ? admitted[0].user.telegramId : 0;
  });

  it("lets a known seller back in and keeps their profile current", async () => {
    const again = await signInSeller(
      connection.db,
      { ...profile(firstAdmin, "Sam Neu"), username: "samneu" },
      noAdmins,
    );
    expect(again).toMatchObject({
      ok: true,
      created: false,
      user: { name: "Sam Neu", username: "samneu" },
    });
  });

  it("admits a stranger only with a valid, unused, unexpired invite", async () => {
    const admin = await signInSeller(connection.db, profile(firstAdmin), noAdmins);
    if (!admin.ok) throw new Error("admin missing");
    expect(
      await signInSeller(connection.db, profile(2001), { ...noAdmins, inviteToken: "inv_forged" }),
    ).toEqual({
      ok: false,
      reason: "invite_invalid",
    });

    const { token } = await createInvite(connection.db, admin.user);
    const joined = await signInSeller(connection.db, profile(2001), {
      ...noAdmins,
      inviteToken: token,
    });
    expect(joined).toMatchObject({ ok: true, created: true, user: { role: "seller" } });
    // Used once: the next stranger with the same link is refused.
    expect(
      await signInSeller(connection.db, profile(2002), { ...noAdmins, inviteToken: token }),
    ).toEqual({
      ok: false,
      reason: "invite_invalid",
    });

    const { token: old } = await createInvite(connection.db, admin.user);
    await connection.db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(isNull(invites.usedAt));
    expect(
      (await signInSeller(connection.db, profile(2003), { ...noAdmins, inviteToken: old })).ok,
    ).toBe(false);
  });

  it("makes anyone in ADMIN_TELEGRAM_IDS an admin without an invite", async () => {
    const result = await signInSeller(connection.db, profile(3001), { adminTelegramIds: [3001] });
    expect(result).toMatchObject({ ok: true, user: { role: "admin" } });
  });

  it("refuses invites from sellers who are not admins", async () => {
    const admin = await signInSeller(connection.db, profile(firstAdmin), noAdmins);
    if (!admin.ok) throw new Error("admin missing");
    const { token } = await createInvite(connection.db, admin.user);
    const seller = await signInSeller(connection.db, profile(4001), {
      ...noAdmins,
      inviteToken: token,
    });
    if (!seller.ok) throw new Error("seller missing");
    await expect(createInvite(connection.db, seller.user)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
