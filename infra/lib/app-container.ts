import { RemovalPolicy, Stack } from "aws-cdk-lib";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";

/** The port the standalone server listens on in the container (Dockerfile: PORT=3000). */
export const APP_PORT = 3000;

/** Readiness: 200 when the database answers and is migrated, 503 otherwise (lib/health.ts). */
export const HEALTH_PATH = "/api/health";

/**
 * The container's own health probe, the same command as the Dockerfile's HEALTHCHECK (a test
 * compares them): the image has no curl, so Node's fetch asks the readiness endpoint.
 */
export const HEALTH_CHECK_COMMAND = [
  "node",
  "-e",
  "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))",
];

/**
 * Settings of lib/env.ts that are secrets, each read by ECS from its own Secrets Manager secret
 * (never plain env), with what the operator puts in it.
 */
export const SECRET_SETTINGS = {
  TELEGRAM_BOT_TOKEN: "The bot's token from @BotFather (123456:ABC…).",
  TELEGRAM_WEBHOOK_SECRET: "Generated; sent back by Telegram with every update.",
  STRIPE_SECRET_KEY: "Stripe secret key, sk_live_… (or a restricted rk_live_…).",
  STRIPE_WEBHOOK_SECRET: "Signing secret (whsec_…) of the endpoint PUBLIC_URL/api/stripe/webhook.",
  DATABASE_URL: "postgres:// URL of the database (Neon: the pooled connection string).",
  AUTH_SECRET: "Generated; signs the dashboard's sessions.",
} as const;

/** Only for Telegram's OpenID Connect login; without it the app offers the Login Widget. */
export const OIDC_SECRET_SETTING = {
  TELEGRAM_LOGIN_CLIENT_SECRET: "Client Secret from @BotFather → Bot Settings → Login Widget.",
};

/** Only for e-mailing invoices; without it they go out in Telegram only. */
export const SMTP_SECRET_SETTING = {
  SMTP_URL: "smtps://user:password@host:465 of the mail server that sends invoices.",
};

/**
 * One secret per setting, named `<stack>/<SETTING>` so an operator can rotate each on its own.
 * The stack creates them with a random value: right as it is for the two generated ones, and
 * for the others rejected by the app's settings check at start until the operator puts the real
 * value in (docs/operations.md). ECS needs each secret's complete ARN, which only a secret this
 * stack owns (or one imported by complete ARN) has.
 */
export function appSecrets(scope: Construct, options: { oidcLogin: boolean; smtp: boolean }) {
  const settings: Record<string, string> = {
    ...SECRET_SETTINGS,
    ...(options.oidcLogin ? OIDC_SECRET_SETTING : {}),
    ...(options.smtp ? SMTP_SECRET_SETTING : {}),
  };
  const stackName = Stack.of(scope).stackName;
  const secrets = Object.entries(settings).map(([name, description]) => {
    const secret = new secretsmanager.Secret(scope, `Secret${name}`, {
      secretName: `${stackName}/${name}`,
      description,
      // Letters and digits only: valid as TELEGRAM_WEBHOOK_SECRET and AUTH_SECRET as generated.
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // A database URL or a bot token must survive deleting the stack by mistake.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    return [name, secret] as const;
  });
  return {
    secrets: Object.fromEntries(secrets),
    containerSecrets: Object.fromEntries(
      secrets.map(([name, secret]) => [name, ecs.Secret.fromSecretsManager(secret)]),
    ),
  };
}
