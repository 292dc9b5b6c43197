import { badRequest } from "../api-error";
import { optionalString } from "../params";
import type { MethodCall } from "./method";

/**
 * Settles a button press. Each query may be answered once; what was answered (text,
 * show_alert, url) is read back through calls("answerCallbackQuery").
 */
export function answerCallbackQuery({ bot, params }: MethodCall): true {
  const id = optionalString(params, "callback_query_id") ?? "";
  const query = bot.callbackQueries.get(id);
  if (!query || query.answered) {
    throw badRequest("query is too old and response timeout expired or query ID is invalid");
  }
  query.answered = true;
  return true;
}
