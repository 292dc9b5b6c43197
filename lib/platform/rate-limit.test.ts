import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { migratedTestDatabase } from "@/test/database";
import { hitLimit } from "./rate-limit";

let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("rate_limit");
});
afterAll(() => connection.close());

describe("hitLimit", () => {
  it("allows max hits per window, refuses the rest and says when to come back", async () => {
    const limit = { max: 3, windowSeconds: 60 };
    const hits = [];
    for (let i = 0; i < 5; i++) hits.push(await hitLimit(connection.db, "test:a", limit));
    expect(hits.map((hit) => hit.allowed)).toEqual([true, true, true, false, false]);
    expect(hits[4]?.retryAfter).toBeGreaterThan(50);
    expect(hits[4]?.retryAfter).toBeLessThanOrEqual(60);
    // Another key has its own count.
    expect((await hitLimit(connection.db, "test:b", limit)).allowed).toBe(true);
  });

  it("lets exactly max of many simultaneous hits through", async () => {
    const limit = { max: 10, windowSeconds: 60 };
    const hits = await Promise.all(
      Array.from({ length: 40 }, () => hitLimit(connection.db, "test:burst", limit)),
    );
    expect(hits.filter((hit) => hit.allowed)).toHaveLength(10);
  });

  it("starts counting again once the window has passed", async () => {
    const limit = { max: 1, windowSeconds: 1 };
    expect((await hitLimit(connection.db, "test:window", limit)).allowed).toBe(true);
    expect((await hitLimit(connection.db, "test:window", limit)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await hitLimit(connection.db, "test:window", limit)).allowed).toBe(true);
  });
});
