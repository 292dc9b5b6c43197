import type { Api } from "grammy";
import type Stripe from "stripe";
import { settings } from "./env";
import path from "node:path";
import { localObjectStorage, s3ObjectStorage, type ObjectStorage } from "./object-storage";
import { createStripeClient } from "./stripe";
import { createTelegramApi } from "./telegram";

// One client per process, shared across Next's separately bundled routes via globalThis.
const shared = globalThis as unknown as {
  promoBotStripe?: Stripe;
  promoBotTelegram?: Api;
  promoBotStorage?: ObjectStorage;
};

/** The Stripe client from the settings, or undefined while Stripe is not configured. */
export function stripeClient(): Stripe | undefined {
  const { STRIPE_SECRET_KEY, STRIPE_API_BASE } = settings();
  if (!STRIPE_SECRET_KEY) return undefined;
  shared.promoBotStripe ??= createStripeClient({
    secretKey: STRIPE_SECRET_KEY,
    apiBase: STRIPE_API_BASE,
  });
  return shared.promoBotStripe;
}

/** The Bot API client from the settings, or undefined while Telegram is not configured. */
export function telegramApi(): Api | undefined {
  const { TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT } = settings();
  if (!TELEGRAM_BOT_TOKEN) return undefined;
  shared.promoBotTelegram ??= createTelegramApi({
    token: TELEGRAM_BOT_TOKEN,
    apiRoot: TELEGRAM_API_ROOT,
  });
  return shared.promoBotTelegram;
}

/** The object store for uploads: S3 when S3_BUCKET is set, else DATA_DIR/uploads. */
export function objectStorage(): ObjectStorage {
  const { S3_BUCKET, S3_REGION, S3_ENDPOINT, DATA_DIR } = settings();
  shared.promoBotStorage ??= S3_BUCKET
    ? s3ObjectStorage({ bucket: S3_BUCKET, region: S3_REGION, endpoint: S3_ENDPOINT })
    : localObjectStorage(path.join(DATA_DIR, "uploads"));
  return shared.promoBotStorage;
}
