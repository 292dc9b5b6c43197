import { describe, expect, it } from "vitest";
import { webhookFlood } from "./webhook-flood";

function gauge(busy: number) {
  let clock = 0;
  const flood = webhookFlood(
    () => busy,
    () => clock,
  );
  const store = (count: number, overMs: number) => {
    for (let i = 0; i < count; i++) {
      clock += overMs / count;
      flood.stored();
    }
  };
  return { flood, store, wait: (ms: number) => (clock += ms) };
}

describe("webhookFlood", () => {
  it("is a flood at 300 webhooks a second on a busy loop, until a second after they stop", () => {
    const { flood, store, wait } = gauge(0.95);
    store(150, 450);
    expect(flood.flooded()).toBe(true);
    wait(300);
    // The half second that just ended still counts while the next fills.
    expect(flood.flooded()).toBe(true);
    wait(1200);
    expect(flood.flooded()).toBe(false);
  });

  it("is no flood at a promotion's rate, however busy the loop", () => {
    const { flood, store } = gauge(0.99);
    for (let second = 0; second < 5; second++) {
      store(170, 1000);
      expect(flood.flooded()).toBe(false);
    }
  });

  it("is no flood while the loop has time to spare, however many arrive", () => {
    const { flood, store } = gauge(0.5);
    store(1000, 500);
    expect(flood.flooded()).toBe(false);
  });
});
