import { z } from "zod";

// Empty strings in an .env file or a task definition mean "not set", not "set to nothing".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

// A name (1–255 of A-Za-z0-9_-) or its ARN, e.g. arn:aws:ecs:eu-central-1:123456789012:service/promo/web.
const ecsName = (kind: "cluster" | "service") =>
  new RegExp(
    `^(arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}:${kind}/([A-Za-z0-9_-]+/)?)?[A-Za-z0-9_-]{1,255}$`,
  );

// Docker's reference grammar without tag or digest: an optional registry host[:port], then
// lowercase path components (e.g. 123456789012.dkr.ecr.eu-central-1.amazonaws.com/promo-bot).
const pathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const imageRepository = new RegExp(
  `^(?:[A-Za-z0-9.-]+(?::\\d+)?/)?${pathComponent}(?:/${pathComponent})*$`,
);

const settingsSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional(
    z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }),
  ),
  DATABASE_DRIVER: optional(z.enum(["pglite", "neon", "pg"])),
  NEON_WS_PROXY: optional(z.string().regex(/^[^\s/]+(\/\S*)?$/, "must look like host:port/path")),
  DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Unset: the app's own address on this machine, http://localhost:<PORT> (see resolvePublicUrl).
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
  // Read as given, not checked: the server that listens on it is the judge (Next's, not ours).
  PORT: optional(z.string()),
  TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "is not a bot token")),
  TELEGRAM_WEBHOOK_SECRET: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A-Z, a-z, 0-9, _ and -"),
  ),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default("https://api.telegram.org"),
  STRIPE_SECRET_KEY: optional(
    z.string().regex(/^(sk|rk)_(test|live)_\w+$/, "is not a Stripe secret key"),
  ),
  STRIPE_WEBHOOK_SECRET: optional(
    z.string().regex(/^whsec_\w+$/, "is not a Stripe webhook secret"),
  ),
  STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).default("https://api.stripe.com"),
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  // next-auth's own name for it, accepted too (AUTH_SECRET wins when both are set).
  NEXTAUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  ADMIN_TELEGRAM_IDS: z
    .string()
    .regex(/^\s*(\d+\s*(,\s*\d+\s*)*)?$/, "must be Telegram user ids separated by commas")
    .default("")
    .transform((list) =>
      list
        .split(",")
        .filter((id) => id.trim())
        .map(Number),
    ),
  TELEGRAM_LOGIN_CLIENT_SECRET: optional(z.string().min(8)),
  TELEGRAM_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).default("https://oauth.telegram.org"),
  S3_BUCKET: optional(
    z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "is not an S3 bucket name"),
  ),
  S3_REGION: z.string().min(1).default("eu-central-1"),
  S3_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" })),
  SMTP_FROM: z.string().min(3).default("Promo-Bot <invoices@localhost>"),
  // Labels only: a malformed one must not keep the app from starting, so any short text goes.
  APP_GIT_SHA: optional(z.string().trim().max(64)),
  APP_BUILD_TIME: optional(z.string().trim().max(64)),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "is not an AWS region")
    .default("eu-central-1"),
  ECS_CLUSTER: optional(z.string().regex(ecsName("cluster"), "is not an ECS cluster name or ARN")),
  ECS_SERVICE: optional(z.string().regex(ecsName("service"), "is not an ECS service name or ARN")),
  DEPLOY_IMAGE_REPOSITORY: optional(
    z.string().regex(imageRepository, "must be an image repository without a tag"),
  ),
  ECS_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
});

// Settings that only make sense together: a bot in webhook mode must check Telegram's secret,
// and a Stripe account must verify its webhook signatures.
const pairedSettingsSchema = settingsSchema.superRefine((config, ctx) => {
  if (config.TELEGRAM_BOT_TOKEN && !config.TELEGRAM_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["TELEGRAM_WEBHOOK_SECRET"],
      message: "is required with TELEGRAM_BOT_TOKEN",
    });
  }
  if (config.STRIPE_SECRET_KEY && !config.STRIPE_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["STRIPE_WEBHOOK_SECRET"],
      message: "is required with STRIPE_SECRET_KEY",
    });
  }
  // Deploying needs to know the service and where its images are: all three, or none.
  const deploySettings = ["ECS_CLUSTER", "ECS_SERVICE", "DEPLOY_IMAGE_REPOSITORY"] as const;
  const given = deploySettings.filter((name) => config[name]);
  if (given.length > 0) {
    for (const name of deploySettings.filter((name) => !config[name])) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `is required with ${given.join(" and ")}`,
      });
    }
  }
});

type GivenSettings = z.infer<typeof settingsSchema>;

/**
 * PUBLIC_URL as configured, else the port actually listened on: `next dev` moves to 3001 when
 * 3000 is taken and writes the port it chose to process.env.PORT before the app loads, so a
 * default of 3000 sent test logins and sandbox links to someone else's server.
 */
function resolvePublicUrl(config: GivenSettings) {
  return {
    ...config,
    PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT ?? 3000}`,
    /** PUBLIC_URL was not set: the address is this machine's, not one the public can reach. */
    publicUrlIsLocal: !config.PUBLIC_URL,
  };
}

export type Settings = ReturnType<typeof resolvePublicUrl>;

const howToFix: Record<keyof GivenSettings, string> = {
  NODE_ENV: "Use development, production or test (the npm scripts set it for you).",
  DATABASE_URL:
    "Set it to a PostgreSQL URL (postgres://user:password@host:5432/db), or unset it to use the embedded PGlite database under DATA_DIR.",
  DATABASE_DRIVER: "Unset it to pick the driver from DATABASE_URL, or force pglite, neon or pg.",
  NEON_WS_PROXY:
    "Only for a local Neon WebSocket proxy, e.g. localhost:4444/v2; leave it unset in production.",
  DATA_DIR: "Set a writable directory for the embedded database and local files (default .data).",
  LOG_LEVEL: "Use fatal, error, warn, info, debug, trace or silent.",
  PUBLIC_URL:
    "Set the https:// address buyers and Stripe reach this app at (e.g. https://shop.example.com), or unset it to use http://localhost:<PORT>.",
  PORT: "Set the port the server listens on (the Dockerfile sets 3000); unset means 3000.",
  TELEGRAM_BOT_TOKEN: "Copy the token @BotFather gave your bot (123456:ABC…).",
  TELEGRAM_WEBHOOK_SECRET:
    "Choose a random string (e.g. `openssl rand -hex 32`); Telegram sends it back with every update.",
  TELEGRAM_API_ROOT: "Leave it unset for Telegram's https://api.telegram.org.",
  STRIPE_SECRET_KEY: "Copy the secret key (sk_live_… or sk_test_…) from the Stripe dashboard.",
  STRIPE_WEBHOOK_SECRET: "Copy the signing secret (whsec_…) of the webhook endpoint in Stripe.",
  STRIPE_API_BASE: "Leave it unset for Stripe's https://api.stripe.com.",
  AUTH_SECRET:
    "Set a random string (e.g. `openssl rand -hex 32`), the same in every copy, or unset it to have one generated and kept in the database.",
  NEXTAUTH_SECRET: "next-auth's name for AUTH_SECRET: set one of the two (at least 32 characters).",
  ADMIN_TELEGRAM_IDS: "List the admins' numeric Telegram ids, e.g. 12345678,87654321.",
  TELEGRAM_LOGIN_CLIENT_SECRET:
    "Copy the Client Secret from @BotFather → Bot Settings → Login Widget (OpenID Connect).",
  TELEGRAM_OIDC_ISSUER: "Leave it unset for Telegram's https://oauth.telegram.org.",
  S3_BUCKET:
    "Name the bucket for uploaded photos (and invoices), or unset it to keep them under DATA_DIR/uploads.",
  S3_REGION: "Set the bucket's AWS region, e.g. eu-central-1.",
  S3_ENDPOINT: "Only for S3-compatible stores (MinIO, a test double): their https:// address.",
  SMTP_URL:
    "Set your mail server as smtps://user:password@smtp.example.com:465 to e-mail invoices, or unset it to send them in Telegram only.",
  SMTP_FROM: 'Set the sender of invoice e-mails, e.g. "My Shop <shop@example.com>".',
  APP_GIT_SHA:
    "Set by the Dockerfile from the build argument of the same name (the commit built); leave it unset otherwise.",
  APP_BUILD_TIME:
    "Set by the Dockerfile from the build argument of the same name (an ISO time); leave it unset otherwise.",
  AWS_REGION: "Set the region of the ECS cluster, e.g. eu-central-1 (ECS sets it in every task).",
  ECS_CLUSTER:
    "Name the ECS cluster the app runs in (e.g. promo), for deploying from Settings; unset all three deploy settings to turn deploying off.",
  ECS_SERVICE:
    "Name the ECS service that runs the app (e.g. promo-web), for deploying from Settings.",
  DEPLOY_IMAGE_REPOSITORY:
    "Set the image repository deploys take tags from, without a tag (e.g. 123456789012.dkr.ecr.eu-central-1.amazonaws.com/promo-bot).",
  ECS_ENDPOINT:
    "Only for a local ECS simulator in tests: its http:// address. Leave it unset for AWS.",
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
  const name = String(issue.path[0] ?? "settings") as keyof GivenSettings;
  const fix = howToFix[name];
  return `${name}: ${issue.message}.${fix ? ` ${fix}` : ""}`;
}

export function parseSettings(source: Record<string, string | undefined>): Settings {
  const result = pairedSettingsSchema.safeParse(source);
  if (!result.success) throw new SettingsError(result.error.issues.map(describeProblem));
  return resolvePublicUrl(result.data);
}

let cached: Settings | undefined;

/**
 * Sandbox mode: neither Telegram nor Stripe is configured, so both are simulated locally and
 * test logins are offered. Never true once real tokens are set.
 */
export function isSandbox(config: Settings): boolean {
  return !config.TELEGRAM_BOT_TOKEN && !config.STRIPE_SECRET_KEY;
}

/** Every setting of the running process, parsed once. Throws SettingsError with all problems. */
export function settings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}

/**
 * LOG_LEVEL alone, for the logger, which exists before the settings are parsed (it must be able
 * to report why they cannot be): the level when it is a valid one, else info.
 */
export function bootLogLevel(): GivenSettings["LOG_LEVEL"] {
  const level = settingsSchema.shape.LOG_LEVEL.safeParse(process.env.LOG_LEVEL);
  return level.success ? level.data : "info";
}

/**
 * next-auth reads its own address from NEXTAUTH_URL, never from its options; ours is
 * PUBLIC_URL. In the sandbox without a PUBLIC_URL it takes each request's own Host instead
 * (next-auth's AUTH_TRUST_HOST), so a browser on 127.0.0.1:4300 is sent back to 127.0.0.1:4300
 * and keeps its cookie. A live shop never trusts the Host header: its address is configured.
 * The only writes to the environment, so they sit here with the reads.
 */
export function tellNextAuthItsUrl(config: Settings): void {
  if (config.publicUrlIsLocal && isSandbox(config) && !process.env.NEXTAUTH_URL) {
    process.env.AUTH_TRUST_HOST = "1";
    return;
  }
  process.env.NEXTAUTH_URL ??= config.PUBLIC_URL;
}
