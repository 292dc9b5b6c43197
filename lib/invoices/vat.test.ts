import { describe, expect, it } from "vitest";
import { formatRate, splitGross } from "./vat";

describe("splitGross", () => {
  it("takes 19 % VAT out of a gross price, net and VAT adding up to what was paid", () => {
    expect(splitGross(1190, "standard", 1900)).toEqual({ net: 1000, vat: 190, total: 1190 });
    expect(splitGross(1290, "standard", 1900)).toEqual({ net: 1084, vat: 206, total: 1290 });
    expect(splitGross(999, "standard", 700)).toEqual({ net: 934, vat: 65, total: 999 });
  });

  it("shows no VAT for a small business or a 0 % rate", () => {
    expect(splitGross(2400, "small_business", 1900)).toEqual({ net: 2400, vat: 0, total: 2400 });
    expect(splitGross(2400, "standard", 0)).toEqual({ net: 2400, vat: 0, total: 2400 });
  });
});

it("writes rates as people do", () => {
  expect(formatRate(1900, "de")).toBe("19");
  expect(formatRate(550, "de")).toBe("5,5");
  expect(formatRate(550, "en")).toBe("5.5");
});
