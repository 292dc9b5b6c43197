import { performance, type EventLoopUtilization } from "node:perf_hooks";

// Sampled four times a second: long enough to mean something, short enough that a flood is
// noticed (and its end) within a moment.
const SAMPLE_MS = 250;

let previous: EventLoopUtilization | undefined;
let utilization = 0;

/**
 * The share of the last quarter second this process's event loop spent running code (0–1):
 * near 1, every request waits for the one before it.
 */
export function eventLoopUtilization(): number {
  if (!previous) {
    previous = performance.eventLoopUtilization();
    setInterval(() => {
      const now = performance.eventLoopUtilization();
      utilization = performance.eventLoopUtilization(now, previous).utilization;
      previous = now;
    }, SAMPLE_MS).unref();
  }
  return utilization;
}
