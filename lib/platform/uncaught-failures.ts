import { logger } from "./logger";

// On globalThis: Next may load this file in several bundles of one process, and each copy
// must not add its own listeners (every failure would be logged once per copy).
const shared = globalThis as unknown as { promoBotUncaughtFailuresLogged?: boolean };

/**
 * Logs a promise rejection nobody handled. Node calls this in the async context of the
 * rejected promise, so the line carries the ids of the update or request that started it.
 */
export function logUnhandledRejection(reason: unknown) {
  logger.error({ event: "process.unhandled_rejection", err: reason }, "unhandled rejection");
}

/** Logs an exception nothing caught, before Node (or Next) decides what happens next. */
export function logUncaughtException(error: unknown, origin: string) {
  logger.fatal({ event: "process.uncaught_exception", err: error, origin }, "uncaught exception");
}

/**
 * Makes what no code caught a JSON line CloudWatch can filter and alarm on, instead of (only)
 * the text Next prints. Installed once per process, by startApp(). For exceptions it listens
 * to `uncaughtExceptionMonitor`, which only watches: whether the process goes on is still
 * decided by Node or by Next's own handler. Next also handles unhandled rejections (the
 * process lives on), so listening to those changes nothing but the log.
 */
export function logUncaughtFailures() {
  if (shared.promoBotUncaughtFailuresLogged) return;
  shared.promoBotUncaughtFailuresLogged = true;
  process.on("unhandledRejection", logUnhandledRejection);
  process.on("uncaughtExceptionMonitor", logUncaughtException);
}
