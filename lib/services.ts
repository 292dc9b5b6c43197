import type { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type Stripe from "stripe";
import path from "node:path";
import { ecsConnection, stripeConnection, telegramConnection } from "@/lib/platform/connections";
import { database, databaseConnection } from "@/lib/platform/database";
import { createEcsTarget, type EcsTarget } from "@/lib/deploy/ecs-target";
import { isSandbox, settings } from "@/lib/platform/env";
import {
  localObjectStorage,
  s3ObjectStorage,
  type ObjectStorage,
} from "@/lib/platform/object-storage";
import { createStripeClient } from "@/lib/payments/stripe-client";
import { createTelegramApi } from "@/lib/telegram/telegram-api";
import { lazyPace, type SendPace } from "@/lib/telegram/send-pace";

// One client per process, shared across Next's separately bundled routes via globalThis.
const shared = globalThis as unknown as {
  promoBotStripe?: Stripe;
  promoBotTelegram?: Api;
  promoBotPace?: SendPace;
  promoBotStorage?: ObjectStorage;
  promoBotEcs?: EcsTarget;
  promoBotIdentity?: Promise<UserFromGetMe | undefined>;
};

/** The Stripe client (the in-app simulator in the sandbox); undefined while not configured. */
export function stripeClient(): Stripe | undefined {
  const connection = stripeConnection();
  if (!connection) return undefined;
  shared.promoBotStripe ??= createStripeClient(connection, database);
  return shared.promoBotStripe;
}

/** The Bot API client (the in-app simulator in the sandbox); undefined while not configured. */
export function telegramApi(): Api | undefined {
  const connection = telegramConnection();
  if (!connection) return undefined;
  shared.promoBotTelegram ??= createTelegramApi(connection, database, sendPace(), {
    countUnanswered: !isSandbox(settings()),
  });
  return shared.promoBotTelegram;
}

/**
 * Telegram's send limits, kept for the bot's replies and the outbox alike: in the database,
 * shared by every app copy (in this process on the embedded database, which only it opens).
 */
export function sendPace(): SendPace {
  shared.promoBotPace ??= lazyPace(databaseConnection);
  return shared.promoBotPace;
}

/** The ECS service to deploy to (the in-app simulator in the sandbox); undefined while not configured. */
export function ecsTarget(): EcsTarget | undefined {
  const connection = ecsConnection();
  if (!connection) return undefined;
  shared.promoBotEcs ??= createEcsTarget(connection);
  return shared.promoBotEcs;
}

/** The object store for uploads: S3 when S3_BUCKET is set, else DATA_DIR/uploads. */
export function objectStorage(): ObjectStorage {
  const { S3_BUCKET, S3_REGION, S3_ENDPOINT, DATA_DIR } = settings();
  shared.promoBotStorage ??= S3_BUCKET
    ? s3ObjectStorage({ bucket: S3_BUCKET, region: S3_REGION, endpoint: S3_ENDPOINT })
    : localObjectStorage(path.join(DATA_DIR, "uploads"));
  return shared.promoBotStorage;
}

/** The bot's own id and username (getMe, once per process); undefined without Telegram. */
export function botIdentity(): Promise<UserFromGetMe | undefined> {
  const api = telegramApi();
  if (!api) return Promise.resolve(undefined);
  shared.promoBotIdentity ??= api.getMe().catch(() => {
    // Telegram unreachable right now: ask again next time.
    shared.promoBotIdentity = undefined;
    return undefined;
  });
  return shared.promoBotIdentity;
}
