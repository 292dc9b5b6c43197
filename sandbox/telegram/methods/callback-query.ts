import { badRequest } from "../api-error";
import { optionalString } from "../params";
import { CALLBACK_ANSWER_WINDOW_MS } from "../state";
import type { MethodCall } from "./method";

/**
 * Settles a button press. Each query may be answered once, and only within Telegram's answer
 * window; what was answered (text, show_alert, url) is read back through
 * calls("answerCallbackQuery").
 */
export function answerCallbackQuery({ world, bot, params }: MethodCall): true {
  const id = optionalString(params, "callback_query_id") ?? "";
  const query = bot.callbackQueries.get(id);
  const age = query?.pressedAt === undefined ? 0 : world.now().getTime() - query.pressedAt;
  if (!query || query.answered || age > CALLBACK_ANSWER_WINDOW_MS) {
    // One description for all three, as Telegram has it.
    throw badRequest("query is too old and response timeout expired or query ID is invalid");
  }
  query.answered = true;
  return true;
}
