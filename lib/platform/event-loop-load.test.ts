import { describe, expect, it } from "vitest";
import { eventLoopUtilization } from "./event-loop-load";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("eventLoopUtilization", () => {
  it("is high right after the loop was kept busy and low once it idles", async () => {
    eventLoopUtilization();
    await pause(600);
    expect(eventLoopUtilization()).toBeLessThan(0.5);
    // Work without yielding for three samples' time: the sample taken after it (over at most
    // one idle quarter second and the busy stretch) sees a loop busy three quarters or more.
    const until = Date.now() + 750;
    while (Date.now() < until) Math.sqrt(Math.random());
    await pause(30);
    expect(eventLoopUtilization()).toBeGreaterThan(0.7);
    await pause(600);
    expect(eventLoopUtilization()).toBeLessThan(0.5);
  });
});
