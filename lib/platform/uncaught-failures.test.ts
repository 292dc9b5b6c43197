import { afterEach, describe, expect, it } from "vitest";
import { captureLogs } from "@/test/log-capture";
import { withLogFields } from "./request-context";
import {
  logUncaughtException,
  logUncaughtFailures,
  logUnhandledRejection,
} from "./uncaught-failures";

afterEach(() => {
  process.off("unhandledRejection", logUnhandledRejection);
  process.off("uncaughtExceptionMonitor", logUncaughtException);
});

describe("logUncaughtFailures", () => {
  it("listens once per process, however often it is called", () => {
    const rejections = process.listenerCount("unhandledRejection");
    const exceptions = process.listenerCount("uncaughtExceptionMonitor");
    logUncaughtFailures();
    logUncaughtFailures();
    expect(process.listenerCount("unhandledRejection")).toBe(rejections + 1);
    expect(process.listenerCount("uncaughtExceptionMonitor")).toBe(exceptions + 1);
    // The monitor event only watches: whether the process survives stays Node's or Next's.
    expect(process.listeners("uncaughtException")).not.toContain(logUncaughtException);
  });

  it("writes what nobody caught as one JSON line, with the ids of the work in hand", async () => {
    const logs = captureLogs();
    try {
      // Called directly, as the test runner listens too and would fail the run. Node calls the
      // listener in the async context of the rejected promise, hence withLogFields here.
      await withLogFields({ updateId: 77 }, async () =>
        logUnhandledRejection(new Error("sendMessage failed in the background")),
      );
      logUncaughtException(new TypeError("x is undefined"), "uncaughtException");
      logUnhandledRejection("a bare string");
      expect(logs.entries()).toMatchObject([
        {
          event: "process.unhandled_rejection",
          updateId: 77,
          err: { type: "Error", message: "sendMessage failed in the background" },
        },
        {
          event: "process.uncaught_exception",
          origin: "uncaughtException",
          err: { type: "TypeError", message: "x is undefined" },
        },
        { event: "process.unhandled_rejection", err: "a bare string" },
      ]);
    } finally {
      logs.stop();
    }
  });
});
