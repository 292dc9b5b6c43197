import { describe, expect, it } from "vitest";
import { captureLogs } from "@/test/log-capture";
import { startSchedule } from "./schedule";

describe("a schedule", () => {
  it("runs its tasks in order; one failing skips none, and queued work is sent at once", async () => {
    const ran: string[] = [];
    let kicked = 0;
    let roundDone!: () => void;
    const done = new Promise<void>((resolve) => (roundDone = resolve));
    const logs = captureLogs();
    const schedule = startSchedule(
      {
        everyMs: 60_000,
        firstAfterMs: () => 5,
        tasks: [
          {
            name: "stale checkout sweep",
            run: async () => {
              ran.push("sweep");
              throw new Error("database away");
            },
          },
          {
            name: "alert check",
            run: async () => {
              ran.push("check");
              return true;
            },
          },
          { name: "last", run: async () => roundDone() },
        ],
      },
      {},
      () => (kicked += 1),
    );
    try {
      await done;
    } finally {
      await schedule.stop();
      logs.stop();
    }
    expect(ran).toEqual(["sweep", "check"]);
    expect(kicked).toBe(1);
    expect(logs.entries().map((entry) => entry.msg)).toContain("stale checkout sweep failed");
  });
});
