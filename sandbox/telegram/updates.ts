import type { Update } from "grammy/types";
import { unixTime, type BotState, type WebhookState, type World } from "./state";
import type { Delivery } from "./types";

// What Telegram sends when allowed_updates is unset or empty.
const OFF_BY_DEFAULT = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

export type UpdateContent = Omit<Update, "update_id">;

export function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "";
}

function isAllowed(bot: BotState, type: string): boolean {
  const allowed = bot.allowedUpdates;
  return allowed && allowed.length > 0 ? allowed.includes(type) : !OFF_BY_DEFAULT.has(type);
}

/** Numbers a new update and delivers it, unless the bot's allowed_updates exclude its kind. */
export async function produceUpdate(
  world: World,
  bot: BotState,
  content: UpdateContent,
): Promise<Delivery> {
  const update = { update_id: bot.nextUpdateId++, ...content } as Update;
  if (!isAllowed(bot, updateType(update))) return { update, via: "dropped", status: 0 };
  return deliverUpdate(world, bot, update, {});
}

/**
 * Posts an update to the bot's webhook, or queues it for getUpdates when none is set.
 * `secretToken` replaces the configured secret (a string) or leaves the header out (null).
 */
export async function deliverUpdate(
  world: World,
  bot: BotState,
  update: Update,
  options: { secretToken?: string | null },
): Promise<Delivery> {
  const webhook = bot.webhook;
  if (!webhook) {
    bot.queue.push(update);
    bot.waiter?.wake("update");
    return { update, via: "queue", status: 0 };
  }
  const secret = options.secretToken === undefined ? webhook.secretToken : options.secretToken;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== undefined && secret !== null) headers["X-Telegram-Bot-Api-Secret-Token"] = secret;
  bot.deliveriesInFlight++;
  try {
    const response = await world.fetch(webhook.url, {
      method: "POST",
      headers,
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(world.webhookTimeoutMs),
    });
    const body = await response.text();
    if (!response.ok) {
      const error = `Wrong response from the webhook: ${response.status} ${response.statusText}`;
      recordError(world, webhook, error.trim());
      return { update, via: "webhook", status: response.status, error: error.trim() };
    }
    await runWebhookReply(world, bot, body);
    return { update, via: "webhook", status: response.status };
  } catch (failure) {
    const error = describeFailure(failure);
    recordError(world, webhook, error);
    return { update, via: "webhook", status: 0, error };
  } finally {
    bot.deliveriesInFlight--;
  }
}

/**
 * A webhook may answer with a method call as its body (grammY's webhookReply); Telegram runs
 * it, and the bot never learns the result, so errors only show in calls().
 */
async function runWebhookReply(world: World, bot: BotState, body: string): Promise<void> {
  if (body.trim() === "") return;
  let reply: unknown;
  try {
    reply = JSON.parse(body);
  } catch {
    return;
  }
  if (typeof reply !== "object" || reply === null || !("method" in reply)) return;
  const { method, ...params } = reply as Record<string, unknown>;
  if (typeof method === "string")
    await world.callMethod(bot, method, params, { via: "webhook-reply" });
}

function recordError(world: World, webhook: WebhookState, message: string): void {
  webhook.lastErrorDate = unixTime(world);
  webhook.lastErrorMessage = message;
}

// Worded as getWebhookInfo words them.
function describeFailure(failure: unknown): string {
  if (failure instanceof Error && failure.name === "TimeoutError") return "Read timeout expired";
  const cause =
    failure instanceof Error ? (failure.cause as { code?: unknown } | undefined) : undefined;
  if (cause?.code === "ECONNREFUSED") return "Connection refused";
  return failure instanceof Error ? failure.message : String(failure);
}
