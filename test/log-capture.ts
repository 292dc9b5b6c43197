import { logger, redirectLogs } from "@/lib/platform/logger";

export type LogEntry = Record<string, unknown> & { msg?: string; level: number };

/**
 * Reads the app's log lines while a test runs: exactly what would reach stdout (and
 * CloudWatch), after redaction. The level is raised to info for the while (tests run silent).
 */
export function captureLogs() {
  const lines: string[] = [];
  const level = logger.level;
  logger.level = "info";
  const restore = redirectLogs({ write: (line: string) => void lines.push(line) });
  return {
    lines,
    /** Everything written so far, as one string: for "never contains" checks. */
    text: () => lines.join(""),
    entries: (): LogEntry[] => lines.map((line) => JSON.parse(line) as LogEntry),
    /** Lines of one contract event (`webhook.result`, `api.error`, …). */
    events: (event: string) =>
      lines.map((line) => JSON.parse(line) as LogEntry).filter((entry) => entry.event === event),
    clear: () => void lines.splice(0, lines.length),
    stop() {
      restore();
      logger.level = level;
    },
  };
}
