import { describe, expect, it } from "vitest";
import { answerWithin } from "./answer-within";

const after = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("answerWithin", () => {
  it("gives the value when it comes in time", async () => {
    expect(await answerWithin(after(5, "promo_bot"), 500)).toBe("promo_bot");
  });

  it("gives undefined when the answer is late, without waiting for it", async () => {
    const started = Date.now();
    expect(await answerWithin(after(2_000, "late"), 20)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("gives undefined for a refusal", async () => {
    expect(await answerWithin(Promise.reject(new Error("unreachable")), 500)).toBeUndefined();
  });
});
