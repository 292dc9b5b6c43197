import { TelegramApiError } from "./api-error";
import { findMethod } from "./methods";
import { isUploadedFile, type Params } from "./request-params";
import type { BotState, MethodOutcome, World } from "./state";
import type { ApiCall } from "./types";

/**
 * Runs one API call for a bot: an injected failure first (failNext), else the method.
 * Every call, failed or not, lands in the bot's call log.
 */
export async function callMethod(
  world: World,
  bot: BotState,
  requested: string,
  params: Params,
  context: { via: ApiCall["via"]; signal?: AbortSignal },
): Promise<MethodOutcome> {
  const found = findMethod(requested);
  const method = found?.name ?? requested;
  const outcome = await run();
  bot.calls.push({
    method,
    params: loggable(params),
    ok: outcome.ok,
    ...(outcome.ok ? { result: structuredClone(outcome.result) } : { error: outcome }),
    via: context.via,
    at: world.now(),
  });
  return outcome;

  async function run(): Promise<MethodOutcome> {
    const failure = bot.failures.get(method.toLowerCase());
    if (failure) {
      if (--failure.remaining <= 0) bot.failures.delete(method.toLowerCase());
      return { ok: false, ...structuredClone(failure.error) };
    }
    if (!found) return { ok: false, error_code: 404, description: "Not Found: method not found" };
    try {
      const result = await found.handler({ world, bot, params, signal: context.signal });
      return { ok: true, result };
    } catch (error) {
      if (error instanceof TelegramApiError) return error.toBody();
      // A bug in the simulator, not a Telegram answer: say so instead of inventing one.
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error_code: 500, description: `Internal Server Error: ${message}` };
    }
  }
}

/** Uploaded bytes are replaced by what a test may want to check about them. */
function loggable(params: Params): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      isUploadedFile(value) ? { filename: value.filename, size: value.data.length } : value,
    ]),
  );
}
