import { describe, expect, it } from "vitest";
import { assertAdmin } from "./admin-only";

describe("admin-only refusals", () => {
  it("refuses a seller with forbidden and lets an admin through", () => {
    expect(() => assertAdmin({ role: "seller" })).toThrow(
      expect.objectContaining({ code: "forbidden", reason: "admin_only" }),
    );
    expect(() => assertAdmin({ role: "admin" })).not.toThrow();
  });
});
