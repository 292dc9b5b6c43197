import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { sessions, users, type User } from "@/db/schema/users";
import { migratedTestDatabase } from "@/test/database";
import { retireSandbox } from "./retire-sandbox";
import { signInSandboxUser } from "./sandbox-users";
import {
  endEverySession,
  endSession,
  endSessionsOf,
  openSessionsOf,
  startSession,
  userOfSession,
} from "./sessions";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("sessions");
});
afterAll(() => connection.close());

const live = { adminTelegramIds: [], sandbox: false };
let nextId = 81_000;

async function user(role: User["role"]): Promise<User> {
  const [row] = await connection.db
    .insert(users)
    .values({ telegramId: nextId++, name: `${role} ${nextId}`, role })
    .returning();
  if (!row) throw new Error("user not stored");
  return row;
}

// Moves a session's clocks into the past, as if time had passed since.
async function age(sessionId: string, { idleHours = 0, ageHours = 0 }) {
  await connection.db
    .update(sessions)
    .set({
      lastSeenAt: sql`now() - make_interval(hours => ${idleHours})`,
      createdAt: sql`now() - make_interval(hours => ${ageHours})`,
    })
    .where(eq(sessions.id, sessionId));
}

describe("sessions", () => {
  it("signing out ends the session: the same cookie finds no one afterwards", async () => {
    const seller = await user("seller");
    const id = await startSession(connection.db, seller, { sandbox: false });
    expect((await userOfSession(connection.db, id, live))?.id).toBe(seller.id);
    await endSession(connection.db, id);
    expect(await userOfSession(connection.db, id, live)).toBeUndefined();
  });

  it("ends an admin's session after 12 idle hours and a seller's after 7 idle days", async () => {
    const admin = await user("admin");
    const seller = await user("seller");
    const adminSession = await startSession(connection.db, admin, { sandbox: false });
    const sellerSession = await startSession(connection.db, seller, { sandbox: false });
    await age(adminSession, { idleHours: 13, ageHours: 13 });
    await age(sellerSession, { idleHours: 13, ageHours: 13 });
    expect(await userOfSession(connection.db, adminSession, live)).toBeUndefined();
    expect((await userOfSession(connection.db, sellerSession, live))?.id).toBe(seller.id);
    // Used just now, so its idle clock restarted; a week without use ends it.
    await age(sellerSession, { idleHours: 7 * 24 + 1, ageHours: 8 * 24 });
    expect(await userOfSession(connection.db, sellerSession, live)).toBeUndefined();
  });

  it("ends any session after its absolute lifetime, however often it is used", async () => {
    const seller = await user("seller");
    const admin = await user("admin");
    const sellerSession = await startSession(connection.db, seller, { sandbox: false });
    const adminSession = await startSession(connection.db, admin, { sandbox: false });
    await age(sellerSession, { idleHours: 0, ageHours: 30 * 24 + 1 });
    await age(adminSession, { idleHours: 0, ageHours: 7 * 24 + 1 });
    expect(await userOfSession(connection.db, sellerSession, live)).toBeUndefined();
    expect(await userOfSession(connection.db, adminSession, live)).toBeUndefined();
  });

  it("ends the session when the user's role changes, in the database or by the admin list", async () => {
    const admin = await user("admin");
    const demoted = await startSession(connection.db, admin, { sandbox: false });
    await connection.db.update(users).set({ role: "seller" }).where(eq(users.id, admin.id));
    expect(await userOfSession(connection.db, demoted, live)).toBeUndefined();

    const seller = await user("seller");
    const promoted = await startSession(connection.db, seller, { sandbox: false });
    const listed = { adminTelegramIds: [seller.telegramId], sandbox: false };
    expect(await userOfSession(connection.db, promoted, listed)).toBeUndefined();
    // …and stays ended: the row is revoked, not just refused once.
    expect(await userOfSession(connection.db, promoted, live)).toBeUndefined();
  });

  it("signs a user out everywhere, and an admin everyone", async () => {
    const seller = await user("seller");
    const other = await user("seller");
    const phone = await startSession(connection.db, seller, { sandbox: false });
    const laptop = await startSession(connection.db, seller, { sandbox: false });
    const theirs = await startSession(connection.db, other, { sandbox: false });
    expect(await endSessionsOf(connection.db, seller.id)).toBe(2);
    expect(await userOfSession(connection.db, phone, live)).toBeUndefined();
    expect(await userOfSession(connection.db, laptop, live)).toBeUndefined();
    expect((await userOfSession(connection.db, theirs, live))?.id).toBe(other.id);
    expect(await endEverySession(connection.db)).toBeGreaterThanOrEqual(1);
    expect(await userOfSession(connection.db, theirs, live)).toBeUndefined();
  });

  it("lists only the sessions that still let someone in", async () => {
    const seller = await user("seller");
    const current = await startSession(connection.db, seller, { sandbox: false });
    const forgotten = await startSession(connection.db, seller, { sandbox: false });
    const ended = await startSession(connection.db, seller, { sandbox: false });
    await age(forgotten, { idleHours: 8 * 24, ageHours: 8 * 24 });
    await endSession(connection.db, ended);
    expect((await openSessionsOf(connection.db, seller.id)).map((row) => row.id)).toEqual([
      current,
    ]);
  });

  it("takes a malformed session id for no session, without a database error", async () => {
    expect(await userOfSession(connection.db, "not-a-uuid", live)).toBeUndefined();
    expect(await userOfSession(connection.db, "' or 1=1 --", live)).toBeUndefined();
  });
});

describe("going live", () => {
  it("disables the sandbox's test accounts and ends every session made in the sandbox", async () => {
    const testAdmin = await signInSandboxUser(connection.db, "admin");
    const sandboxSession = await startSession(connection.db, testAdmin, { sandbox: true });
    const seller = await user("seller");
    const madeInSandbox = await startSession(connection.db, seller, { sandbox: true });
    const madeLive = await startSession(connection.db, seller, { sandbox: false });
    // Still the sandbox: its sessions work.
    const sandboxRules = { adminTelegramIds: [], sandbox: true };
    expect((await userOfSession(connection.db, sandboxSession, sandboxRules))?.role).toBe("admin");

    const retired = await retireSandbox(connection.db);
    expect(retired.accounts).toBeGreaterThanOrEqual(1);
    expect(await userOfSession(connection.db, sandboxSession, live)).toBeUndefined();
    expect(await userOfSession(connection.db, madeInSandbox, live)).toBeUndefined();
    expect((await userOfSession(connection.db, madeLive, live))?.id).toBe(seller.id);
    // A session of a disabled account ends even if it was somehow made live.
    const [disabled] = await connection.db.select().from(users).where(eq(users.id, testAdmin.id));
    expect(disabled?.disabledAt).not.toBeNull();
    const late = await startSession(connection.db, testAdmin, { sandbox: false });
    expect(await userOfSession(connection.db, late, live)).toBeUndefined();
    // A second live start finds nothing left to do.
    expect(await retireSandbox(connection.db)).toEqual({ accounts: 0, sessions: 0 });
  });
});
