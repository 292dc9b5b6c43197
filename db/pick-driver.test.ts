import { describe, expect, it } from "vitest";
import { pickDriver } from "./client";

describe("pickDriver", () => {
  it("uses embedded PGlite when no DATABASE_URL is set", () => {
    expect(pickDriver(undefined)).toBe("pglite");
  });

  it("uses Neon's serverless driver for Neon hosts", () => {
    expect(pickDriver("postgres://u:p@ep-cool-name-123.eu-central-1.aws.neon.tech/shop")).toBe(
      "neon",
    );
  });

  it("uses node-postgres for any other Postgres (RDS, self-hosted)", () => {
    expect(pickDriver("postgres://u:p@shop.abc.eu-central-1.rds.amazonaws.com/shop")).toBe("pg");
    expect(pickDriver("postgresql://u:p@localhost:5432/shop")).toBe("pg");
    expect(pickDriver("postgres://u:p@notneon.tech/shop")).toBe("pg");
  });

  it("lets DATABASE_DRIVER force a choice", () => {
    expect(pickDriver("postgres://u:p@localhost/shop", "neon")).toBe("neon");
  });
});
