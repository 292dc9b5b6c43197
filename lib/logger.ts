import pino from "pino";

// Anything that may carry a secret or a buyer's private data is censored wherever it appears
// in a log object, so a careless `log.info({ settings })` cannot leak it to CloudWatch.
export const redactedPaths = [
  "*.DATABASE_URL",
  "*.SMTP_URL",
  "*.smtpUrl",
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

// Starts at LOG_LEVEL when that is a valid level (else info), before the settings are parsed;
// startApp() then applies the parsed setting.
const bootLevel = process.env.LOG_LEVEL;
export const logger = createLogger(
  bootLevel && (bootLevel === "silent" || bootLevel in pino.levels.values) ? bootLevel : "info",
);
