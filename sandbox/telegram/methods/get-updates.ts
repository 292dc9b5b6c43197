import type { Update } from "grammy/types";
import { badRequest, conflict } from "../api-error";
import { optionalInt } from "../params";
import type { BotState, PollWaiter } from "../state";
import type { MethodCall } from "./method";
import { readAllowedUpdates } from "./webhook";

/**
 * Long polling, for a bot without a webhook. An offset confirms every update below it; a
 * negative offset keeps only the last -offset updates. A newer call ends a waiting one with
 * 409, as Telegram does when two instances of a bot poll at once.
 */
export async function getUpdates({ world, bot, params, signal }: MethodCall): Promise<Update[]> {
  if (bot.webhook) {
    throw conflict(
      "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  const offset = optionalInt(params, "offset");
  const limit = optionalInt(params, "limit") ?? 100;
  const timeout = Math.min(optionalInt(params, "timeout") ?? 0, world.maxLongPollSeconds);
  if (limit < 1 || limit > 100) throw badRequest("limit must be between 1 and 100");
  const allowedUpdates = readAllowedUpdates(params);
  if (allowedUpdates !== undefined) bot.allowedUpdates = allowedUpdates;
  confirm(bot, offset);
  bot.waiter?.wake("conflict");
  if (bot.queue.length === 0 && timeout > 0) {
    const outcome = await waitForUpdate(bot, timeout, signal);
    if (outcome === "conflict") {
      throw conflict(
        "terminated by other getUpdates request; make sure that only one bot instance is running",
      );
    }
  }
  return bot.queue.slice(0, limit);
}

function confirm(bot: BotState, offset: number | undefined): void {
  if (offset === undefined || offset === 0) return;
  bot.queue = offset > 0 ? bot.queue.filter((u) => u.update_id >= offset) : bot.queue.slice(offset);
}

function waitForUpdate(
  bot: BotState,
  seconds: number,
  signal: AbortSignal | undefined,
): Promise<"update" | "conflict" | "timeout"> {
  return new Promise((resolve) => {
    const finish = (outcome: "update" | "conflict" | "timeout") => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (bot.waiter === waiter) bot.waiter = null;
      resolve(outcome);
    };
    const onAbort = () => finish("timeout");
    const waiter: PollWaiter = { wake: finish };
    const timer = setTimeout(() => finish("timeout"), seconds * 1000);
    bot.waiter = waiter;
    if (signal?.aborted) finish("timeout");
    else signal?.addEventListener("abort", onAbort);
  });
}
