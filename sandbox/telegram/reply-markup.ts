import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { badRequest } from "./api-error";
import { optionalJson } from "./params";
import type { Params } from "./request-params";

// A button does exactly one of these things when pressed.
const ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;

const UNPARSABLE = "can't parse reply keyboard markup JSON object";

/**
 * Reads and checks reply_markup. Returns the inline keyboard a message will carry, or
 * undefined: reply keyboards (keyboard, remove_keyboard, force_reply) are accepted but never
 * part of a Message, and Telegram drops an empty inline keyboard.
 */
export function readReplyMarkup(
  params: Params,
  options: { allowLocalUrls: boolean },
): InlineKeyboardMarkup | undefined {
  const markup = optionalJson(params, "reply_markup", UNPARSABLE);
  if (markup === undefined) return undefined;
  if (typeof markup !== "object" || markup === null || Array.isArray(markup)) {
    throw badRequest(UNPARSABLE);
  }
  if (!("inline_keyboard" in markup)) {
    if ("keyboard" in markup || "remove_keyboard" in markup || "force_reply" in markup) {
      return undefined;
    }
    throw badRequest(UNPARSABLE);
  }
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest(
      'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
    );
  }
  for (const button of (rows as unknown[][]).flat()) checkButton(button, options);
  const kept = (rows as InlineKeyboardButton[][]).filter((row) => row.length > 0);
  return kept.length > 0 ? { inline_keyboard: kept } : undefined;
}

function checkButton(button: unknown, options: { allowLocalUrls: boolean }): void {
  if (typeof button !== "object" || button === null) throw badRequest(UNPARSABLE);
  const fields = button as Record<string, unknown>;
  if (typeof fields.text !== "string") {
    throw badRequest("can't parse inline keyboard button: Text must be a String");
  }
  const actions = ACTIONS.filter((action) => fields[action] !== undefined);
  if (actions.length !== 1) throw badRequest("text buttons are unallowed in the inline keyboard");
  if (fields.callback_data !== undefined) {
    const data = fields.callback_data;
    const bytes = typeof data === "string" ? new TextEncoder().encode(data).length : 0;
    if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
  }
  if (fields.url !== undefined) checkButtonUrl(fields.url, options);
  if (fields.web_app !== undefined) {
    const url = (fields.web_app as { url?: unknown } | null)?.url;
    if (typeof url !== "string" || !url.startsWith("https://")) {
      throw badRequest(
        `inline keyboard button Web App URL '${String(url)}' is invalid: Only HTTPS links are allowed`,
      );
    }
  }
}

function checkButtonUrl(value: unknown, options: { allowLocalUrls: boolean }): void {
  const raw = typeof value === "string" ? value : "";
  const invalid = (why: string) =>
    badRequest(`inline keyboard button URL '${raw}' is invalid: ${why}`);
  // Telegram adds http:// to a bare "example.com/x" itself.
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid("Wrong HTTP URL");
  }
  if (url.protocol === "tg:") return;
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalid("Unsupported URL protocol");
  }
  // Telegram wants a host with a dot, which rules out http://localhost:3000/… .
  const ip = /^\d+\.\d+\.\d+\.\d+$/.test(url.hostname) || url.hostname.startsWith("[");
  if (!ip && !url.hostname.includes(".") && !options.allowLocalUrls) {
    throw invalid("Wrong HTTP URL");
  }
}
