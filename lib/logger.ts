import pino from "pino";

// Anything that may carry a secret or a buyer's private data is censored wherever it appears
// in a log object, so a careless `log.info({ settings })` cannot leak it to CloudWatch.
export const redactedPaths = [
  "*.DATABASE_URL",
  "*.databaseUrl",
  "*.password",
  "*.token",
  "*.secret",
  "*.authorization",
  "*.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
];

export function createLogger(level: string = "info", destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      base: { service: "promo-bot" },
      redact: { paths: redactedPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Shows where a database is without its credentials. */
export function describeDatabaseUrl(url: string | undefined): string {
  if (!url) return "embedded PGlite";
  const { protocol, hostname, port, pathname } = new URL(url);
  return `${protocol}//${hostname}${port ? `:${port}` : ""}${pathname}`;
}

// Starts at info; startApp() sets the configured level once the settings are parsed.
export const logger = createLogger();
