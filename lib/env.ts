import { z } from "zod";

// Empty strings in an .env file or a task definition mean "not set", not "set to nothing".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const settingsSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional(
    z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }),
  ),
  DATABASE_DRIVER: optional(z.enum(["pglite", "neon", "pg"])),
  NEON_WS_PROXY: optional(z.string().regex(/^[^\s/]+(\/\S*)?$/, "must look like host:port/path")),
  DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Settings = z.infer<typeof settingsSchema>;

const howToFix: Record<keyof Settings, string> = {
  NODE_ENV: "Use development, production or test (the npm scripts set it for you).",
  DATABASE_URL:
    "Set it to a PostgreSQL URL (postgres://user:password@host:5432/db), or unset it to use the embedded PGlite database under DATA_DIR.",
  DATABASE_DRIVER: "Unset it to pick the driver from DATABASE_URL, or force pglite, neon or pg.",
  NEON_WS_PROXY:
    "Only for a local Neon WebSocket proxy, e.g. localhost:4444/v2; leave it unset in production.",
  DATA_DIR: "Set a writable directory for the embedded database and local files (default .data).",
  LOG_LEVEL: "Use fatal, error, warn, info, debug, trace or silent.",
};

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Promo-Bot cannot start: ${problems.length} setting(s) need fixing.\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "SettingsError";
  }
}

// Names the setting, what is wrong and how to fix it — never the value, which may be a
// secret (DATABASE_URL carries a password).
function describeProblem(issue: z.core.$ZodIssue): string {
  const name = String(issue.path[0] ?? "settings") as keyof Settings;
  const fix = howToFix[name];
  return `${name}: ${issue.message}.${fix ? ` ${fix}` : ""}`;
}

export function parseSettings(source: Record<string, string | undefined>): Settings {
  const result = settingsSchema.safeParse(source);
  if (!result.success) throw new SettingsError(result.error.issues.map(describeProblem));
  return result.data;
}

let cached: Settings | undefined;

/** Every setting of the running process, parsed once. Throws SettingsError with all problems. */
export function settings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}
