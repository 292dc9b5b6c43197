import type { Params } from "../request-params";
import type { BotState, World } from "../state";

/** What a method implementation gets: the world, the calling bot and the parameters. */
export interface MethodCall {
  world: World;
  bot: BotState;
  params: Params;
  /** Aborts when the caller goes away (long polling stops waiting then). */
  signal?: AbortSignal;
}

/** Returns the method's `result`, or throws a TelegramApiError. */
export type MethodHandler = (call: MethodCall) => unknown;
