import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { migratedTestDatabase } from "@/test/database";
import {
  acceptLoginPayloadOnce,
  clientAddress,
  countLoginAttempt,
  TooManyLoginAttempts,
} from "./login-attempts";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("login_attempts");
});
afterAll(() => connection.close());

describe("login attempts", () => {
  it("accepts a Login Widget payload once", async () => {
    const hash = "a".repeat(64);
    expect(await acceptLoginPayloadOnce(connection.db, hash)).toBe(true);
    expect(await acceptLoginPayloadOnce(connection.db, hash)).toBe(false);
    expect(await acceptLoginPayloadOnce(connection.db, "b".repeat(64))).toBe(true);
  });

  it("refuses the 31st attempt from one address within ten minutes", async () => {
    const attempt = () => countLoginAttempt(connection.db, { address: "198.51.100.7" });
    for (let i = 0; i < 30; i++) await attempt();
    await expect(attempt()).rejects.toBeInstanceOf(TooManyLoginAttempts);
    // Another address is not affected.
    await expect(
      countLoginAttempt(connection.db, { address: "198.51.100.8" }),
    ).resolves.toBeUndefined();
  });

  it("refuses the 11th attempt for one Telegram account, from however many addresses", async () => {
    const attempt = (i: number) =>
      countLoginAttempt(connection.db, { address: `203.0.113.${i}`, telegramId: 4242 });
    for (let i = 0; i < 10; i++) await attempt(i);
    const refused = await attempt(10).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManyLoginAttempts);
    expect((refused as TooManyLoginAttempts).retryAfter).toBeGreaterThan(500);
  });

  it("takes the address the load balancer saw, not what the client claims", () => {
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 192.0.2.10" })).toBe("192.0.2.10");
    expect(clientAddress({ "x-forwarded-for": "192.0.2.11" })).toBe("192.0.2.11");
    expect(clientAddress({})).toBe("unknown");
  });
});
