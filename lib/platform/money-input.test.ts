import { describe, expect, it } from "vitest";
import { formatMajorUnits, parseMajorUnits } from "./money-input";

describe("prices as sellers type them", () => {
  it.each([
    ["12.90", 1290],
    ["12,90", 1290],
    ["12,9", 1290],
    ["5", 500],
    ["€ 5", 500],
    ["1.299,00", 129900],
    ["1,299.00", 129900],
    ["0.50", 50],
    // A German seller's thousands separator.
    ["12.999", 1299900],
  ])("%s is %i minor units", (typed, minor) => {
    expect(parseMajorUnits(typed)).toBe(minor);
  });

  it.each(["", "abc", "12.9999", "-5", "1e3", "12.90.1"])("rejects %j", (typed) => {
    expect(parseMajorUnits(typed)).toBeUndefined();
  });

  it("writes minor units back as the form shows them", () => {
    expect(formatMajorUnits(1290)).toBe("12.90");
  });
});
