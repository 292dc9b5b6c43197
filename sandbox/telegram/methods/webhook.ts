import type { WebhookInfo } from "grammy/types";
import { badRequest } from "../api-error";
import { optionalBool, optionalInt, optionalJson, optionalString } from "../params";
import type { Params } from "../request-params";
import type { BotState } from "../state";
import type { MethodCall } from "./method";

// Telegram demands HTTPS on ports 443, 80, 88 or 8443; the simulator also takes plain
// http:// on any port, because the apps it talks to run on 127.0.0.1.
export function setWebhook({ bot, params }: MethodCall): true {
  const url = optionalString(params, "url") ?? "";
  const allowedUpdates = readAllowedUpdates(params);
  if (optionalBool(params, "drop_pending_updates")) bot.queue = [];
  if (url === "") {
    bot.webhook = null;
    return true;
  }
  if (!isHttpUrl(url)) throw badRequest("invalid webhook URL specified");
  const secretToken = optionalString(params, "secret_token");
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest("secret token contains unallowed characters");
  }
  const maxConnections = optionalInt(params, "max_connections") ?? 40;
  if (maxConnections < 1 || maxConnections > 100)
    throw badRequest("invalid max_connections specified");
  bot.webhook = { url, maxConnections, ...(secretToken ? { secretToken } : {}) };
  if (allowedUpdates !== undefined) bot.allowedUpdates = allowedUpdates;
  // A poller that is still waiting learns it lost the updates to the webhook.
  bot.waiter?.wake("conflict");
  return true;
}

export function deleteWebhook({ bot, params }: MethodCall): true {
  if (optionalBool(params, "drop_pending_updates")) bot.queue = [];
  bot.webhook = null;
  return true;
}

export function getWebhookInfo({ bot }: MethodCall): WebhookInfo {
  const webhook = bot.webhook;
  return {
    url: webhook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: webhook ? bot.deliveriesInFlight : bot.queue.length,
    ...(webhook?.lastErrorDate !== undefined ? { last_error_date: webhook.lastErrorDate } : {}),
    ...(webhook?.lastErrorMessage !== undefined
      ? { last_error_message: webhook.lastErrorMessage }
      : {}),
    ...(webhook ? { max_connections: webhook.maxConnections } : {}),
    ...(bot.allowedUpdates && bot.allowedUpdates.length > 0
      ? { allowed_updates: bot.allowedUpdates as WebhookInfo["allowed_updates"] }
      : {}),
  };
}

/** allowed_updates for setWebhook and getUpdates; undefined keeps the previous setting. */
export function readAllowedUpdates(params: Params): BotState["allowedUpdates"] {
  const value = optionalJson(params, "allowed_updates", "can't parse allowed updates");
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((type) => typeof type === "string")) {
    throw badRequest("can't parse allowed updates");
  }
  return value as string[];
}

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}
