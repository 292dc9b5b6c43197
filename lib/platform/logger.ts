import pino from "pino";
import { bootLogLevel } from "./env";
import { censorPrivateFields, serializeError } from "./log-privacy";
import { currentLogFields } from "./request-context";

/**
 * JSON lines for CloudWatch. Every line carries the ids of the request, update or event being
 * handled (see request-context.ts); secrets and buyers' private data are censored wherever
 * they sit in a log object (log-privacy.ts), so a careless `log.info({ order })` cannot leak.
 */
export function createLogger(level: string = "info", destination?: pino.DestinationStream) {
  const root = pino(
    {
      level,
      // "app", not "service": api.error lines carry their own `service` (stripe / telegram),
      // which CloudWatch metric filters match on; two keys of one name would be ambiguous.
      base: { app: "promo-bot" },
      // Before the serializers: what a line carries is censored (log-privacy.ts), and errors
      // are then reduced to their safe fields.
      formatters: { log: censorPrivateFields },
      serializers: { err: serializeError, error: serializeError },
      // A copy: pino merges each line's own fields into what the mixin returns.
      mixin: () => ({ ...currentLogFields() }),
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  // pino gives child loggers no formatter for their bound fields: they are censored here (a
  // child's children inherit this method, and `this` is the one they are made from).
  const makeChild = root.child;
  root.child = function (this: pino.Logger, bindings, options) {
    return makeChild.call(this, censorPrivateFields(bindings), options);
  } as typeof root.child;
  return root;
}

/** Shows where a database is without its credentials. */
export function describeDatabaseUrl(url: string | undefined): string {
  if (!url) return "embedded PGlite";
  const { protocol, hostname, port, pathname } = new URL(url);
  return `${protocol}//${hostname}${port ? `:${port}` : ""}${pathname}`;
}

// stdout, unless a test reads the lines (test/log-capture.ts).
let destination: pino.DestinationStream = pino.destination(1);

/** Sends the process's log lines to `stream` until the returned function is called. */
export function redirectLogs(stream: pino.DestinationStream): () => void {
  const previous = destination;
  destination = stream;
  return () => {
    destination = previous;
  };
}

// Starts at LOG_LEVEL when that is a valid level (else info), before the settings are parsed;
// startApp() then applies the parsed setting.
export const logger = createLogger(bootLogLevel(), {
  write: (line: string) => destination.write(line),
});
