import { randomBytes } from "node:crypto";
import { isSandbox, settings, type Settings } from "./env";

/** How this process reaches Telegram's Bot API and checks the updates it sends. */
export interface TelegramConnection {
  token: string;
  apiRoot: string;
  webhookSecret: string;
  /** Where Telegram should deliver updates: this app's webhook route. */
  webhookUrl: string;
}

/** How this process reaches Stripe's API and checks the events it sends. */
export interface StripeConnection {
  secretKey: string;
  apiBase: string;
  webhookSecret: string;
  /** Where Stripe should deliver events: this app's webhook route. */
  webhookUrl: string;
}

/** Which ECS service runs the app and where its images come from, for deploying. */
export interface EcsConnection {
  region: string;
  /** A local ECS simulator; unset for AWS. */
  endpoint?: string;
  cluster: string;
  service: string;
  /** Image repository without a tag: a deploy runs `<imageRepository>:<tag>`. */
  imageRepository: string;
  /**
   * Only the sandbox's made-up keys for its simulator. Against AWS the SDK finds credentials
   * itself (the task role in ECS), so no key is ever a setting of ours.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const TELEGRAM_WEBHOOK_PATH = "/api/telegram/webhook";
const STRIPE_WEBHOOK_PATH = "/api/stripe/webhook";

/** The sandbox's own bot: the in-app Telegram simulator answers for this token. */
export const SANDBOX_BOT = {
  token: "1000000001:sandbox-token-not-a-secret",
  id: 1000000001,
  username: "promo_sandbox_bot",
  first_name: "Promo Sandbox",
} as const;

/** The key the in-app Stripe simulator accepts. */
export const SANDBOX_STRIPE_KEY = "sk_test_sandbox";

// Where the in-app simulators are mounted (app/sandbox/…).
export const SANDBOX_TELEGRAM_PATH = "/sandbox/telegram";
export const SANDBOX_STRIPE_PATH = "/sandbox/stripe";
export const SANDBOX_ECS_PATH = "/sandbox/ecs";

/** The sandbox's simulated ECS service, which the in-app ECS simulator starts with. */
export const SANDBOX_ECS = {
  region: "eu-central-1",
  cluster: "promo-sandbox",
  service: "promo-web",
  imageRepository: "registry.sandbox.example/promo-bot",
  firstTag: "v1.0.0",
  credentials: { accessKeyId: "SANDBOXNOTAKEY", secretAccessKey: "sandbox-not-a-secret" },
} as const;

/**
 * The address this process reaches itself at. The SDKs call the in-app simulators over HTTP,
 * exactly as they call Telegram and Stripe, so the sandbox runs the production code path;
 * loopback keeps that traffic off the network whatever PUBLIC_URL says.
 */
export function ownOrigin(config: Settings = settings()): string {
  return `http://127.0.0.1:${config.PORT ?? 3000}`;
}

const shared = globalThis as unknown as { promoBotSandboxSecrets?: SandboxSecrets };
interface SandboxSecrets {
  telegram: string;
  stripe: string;
}

// Made up per process: the simulators and the webhook routes live in the same process, and
// nobody outside it should be able to post a "payment" to a sandbox that is reachable.
function sandboxSecrets(): SandboxSecrets {
  shared.promoBotSandboxSecrets ??= {
    telegram: randomBytes(24).toString("base64url"),
    stripe: `whsec_${randomBytes(24).toString("hex")}`,
  };
  return shared.promoBotSandboxSecrets;
}

/** Telegram from the settings, the in-app simulator in the sandbox, else undefined. */
export function telegramConnection(config: Settings = settings()): TelegramConnection | undefined {
  if (isSandbox(config)) {
    return {
      token: SANDBOX_BOT.token,
      apiRoot: ownOrigin(config) + SANDBOX_TELEGRAM_PATH,
      webhookSecret: sandboxSecrets().telegram,
      webhookUrl: ownOrigin(config) + TELEGRAM_WEBHOOK_PATH,
    };
  }
  const { TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, TELEGRAM_WEBHOOK_SECRET } = config;
  if (!TELEGRAM_BOT_TOKEN || !TELEGRAM_WEBHOOK_SECRET) return undefined;
  return {
    token: TELEGRAM_BOT_TOKEN,
    apiRoot: TELEGRAM_API_ROOT,
    webhookSecret: TELEGRAM_WEBHOOK_SECRET,
    webhookUrl: new URL(TELEGRAM_WEBHOOK_PATH, config.PUBLIC_URL).toString(),
  };
}

/** Stripe from the settings, the in-app simulator in the sandbox, else undefined. */
export function stripeConnection(config: Settings = settings()): StripeConnection | undefined {
  if (isSandbox(config)) {
    return {
      secretKey: SANDBOX_STRIPE_KEY,
      apiBase: ownOrigin(config) + SANDBOX_STRIPE_PATH,
      webhookSecret: sandboxSecrets().stripe,
      webhookUrl: ownOrigin(config) + STRIPE_WEBHOOK_PATH,
    };
  }
  const { STRIPE_SECRET_KEY, STRIPE_API_BASE, STRIPE_WEBHOOK_SECRET } = config;
  if (!STRIPE_SECRET_KEY || !STRIPE_WEBHOOK_SECRET) return undefined;
  return {
    secretKey: STRIPE_SECRET_KEY,
    apiBase: STRIPE_API_BASE,
    webhookSecret: STRIPE_WEBHOOK_SECRET,
    webhookUrl: new URL(STRIPE_WEBHOOK_PATH, config.PUBLIC_URL).toString(),
  };
}

/**
 * The ECS service from the settings; without them, in the sandbox, the in-app simulator (so
 * Deploy can be tried); else undefined. Set ECS settings win even in the sandbox: ECS is not
 * what makes it one.
 */
export function ecsConnection(config: Settings = settings()): EcsConnection | undefined {
  const { ECS_CLUSTER, ECS_SERVICE, DEPLOY_IMAGE_REPOSITORY } = config;
  if (ECS_CLUSTER && ECS_SERVICE && DEPLOY_IMAGE_REPOSITORY) {
    return {
      region: config.AWS_REGION,
      endpoint: config.ECS_ENDPOINT,
      cluster: ECS_CLUSTER,
      service: ECS_SERVICE,
      imageRepository: DEPLOY_IMAGE_REPOSITORY,
    };
  }
  if (!isSandbox(config)) return undefined;
  const { region, cluster, service, imageRepository, credentials } = SANDBOX_ECS;
  return {
    region,
    endpoint: ownOrigin(config) + SANDBOX_ECS_PATH,
    cluster,
    service,
    imageRepository,
    credentials: { ...credentials },
  };
}
