import { describe, expect, it } from "vitest";
import { labelledDays, niceTicks } from "./chart-scale";

describe("niceTicks", () => {
  it("rounds the top up to a step of 1, 2 or 5 × a power of ten", () => {
    // €48 → €0 · €20 · €40 · €60 (minor units).
    expect(niceTicks(4800)).toEqual([0, 2000, 4000, 6000]);
    // €96.40 → steps of €25 up to €100.
    expect(niceTicks(9640)).toEqual([0, 2500, 5000, 7500, 10_000]);
    expect(niceTicks(100_000)).toEqual([0, 25_000, 50_000, 75_000, 100_000]);
  });

  it("keeps small amounts on cent steps that are still round", () => {
    expect(niceTicks(50)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(1)).toEqual([0, 1]);
  });

  it("gives two to four steps, the top at or above the highest day", () => {
    for (const max of [1, 7, 99, 101, 1234, 4999, 5001, 77_777, 1_000_001]) {
      const ticks = niceTicks(max);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length - 1).toBeLessThanOrEqual(4);
      expect(ticks.length - 1).toBeGreaterThanOrEqual(max === 1 ? 1 : 2);
      expect(ticks[0]).toBe(0);
    }
  });

  it("has only a zero line when nothing sold", () => {
    expect(niceTicks(0)).toEqual([0]);
  });
});

describe("labelledDays", () => {
  it("labels today and every step back from it", () => {
    expect([...labelledDays(30, 6)].sort((a, b) => a - b)).toEqual([4, 9, 14, 19, 24, 29]);
  });

  it("labels every day when there are few", () => {
    expect(labelledDays(3, 6)).toEqual(new Set([2, 1, 0]));
  });

  it("the phone's sparser labels are among the wider screen's", () => {
    const wide = labelledDays(30, 6);
    for (const day of labelledDays(30, 3)) expect(wide.has(day)).toBe(true);
  });
});
