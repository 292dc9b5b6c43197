import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, isAppError, parseInput } from "./app-error";
import { appErrorResponse } from "./app-error-response";

describe("the domain's one error", () => {
  it("names each bad field from zod, with the schema's message key", () => {
    const schema = z.object({ name: z.string().min(1, "required"), age: z.number() });
    let caught: unknown;
    try {
      parseInput(schema, { name: "", age: 3 }, "person");
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, "invalid")).toBe(true);
    expect(caught).toMatchObject({
      reason: "person",
      details: { fields: { name: { key: "required" } } },
    });
  });

  it("is recognised by its fields, not only as an instance", () => {
    const lookalike = Object.assign(new Error("x"), { name: "AppError", code: "conflict" });
    expect(isAppError(lookalike, "conflict")).toBe(true);
    expect(isAppError(new Error("x"))).toBe(false);
    expect(isAppError(new AppError("forbidden"), "not_found")).toBe(false);
  });

  it("answers each code with its HTTP status, never a 5xx for bad input", async () => {
    const statuses = await Promise.all(
      (["not_found", "forbidden", "invalid", "conflict"] as const).map(
        (code) => appErrorResponse(new AppError(code)).status,
      ),
    );
    expect(statuses).toEqual([404, 403, 422, 409]);
    const gone = appErrorResponse(new AppError("not_found", "product"));
    expect(await gone.json()).toEqual({ error: "No such product." });
  });

  it("words invalid fields for the API, one entry per field", async () => {
    const error = new AppError("invalid", "product", {
      fields: { price: { key: "invalidPrice" }, description: { key: "captionTooLong", over: 3 } },
    });
    const response = appErrorResponse(error, (problem) => `${problem.key}:${problem.over ?? 0}`);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      errors: { price: "invalidPrice:0", description: "captionTooLong:3" },
    });
  });
});
