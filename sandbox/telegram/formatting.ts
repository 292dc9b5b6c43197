import type { MessageEntity } from "grammy/types";
import { badRequest } from "./api-error";
import { parseHtml, type FormattedText } from "./html-parse-mode";
import { optionalJson, optionalString } from "./params";
import type { Params } from "./request-params";

/**
 * Reads a text or caption with its parse_mode or explicit entities (grammY's `fmt` sends
 * those), as the message will carry it. Markdown and MarkdownV2 are accepted but not parsed:
 * their text is kept as sent, without entities.
 */
export function readFormatted(
  params: Params,
  field: "text" | "caption",
  entitiesField: "entities" | "caption_entities",
): FormattedText | undefined {
  const raw = optionalString(params, field);
  if (raw === undefined) return undefined;
  const mode = optionalString(params, "parse_mode");
  if (mode !== undefined && mode !== "") {
    switch (mode.toLowerCase()) {
      case "html":
        return parseHtml(raw);
      case "markdown":
      case "markdownv2":
        return { text: raw, entities: [] };
      default:
        throw badRequest("unsupported parse_mode");
    }
  }
  const entities = optionalJson(params, entitiesField, "can't parse entities JSON object");
  return { text: raw, entities: entities === undefined ? [] : checkEntities(entities, raw) };
}

function checkEntities(value: unknown, text: string): MessageEntity[] {
  if (!Array.isArray(value)) throw badRequest("can't parse entities JSON object");
  for (const entity of value as unknown[]) {
    const ok =
      typeof entity === "object" &&
      entity !== null &&
      "type" in entity &&
      typeof entity.type === "string" &&
      "offset" in entity &&
      Number.isInteger(entity.offset) &&
      "length" in entity &&
      Number.isInteger(entity.length);
    if (!ok) throw badRequest("can't parse entities JSON object");
    const { offset, length } = entity as { offset: number; length: number };
    if (offset < 0 || length < 0 || offset + length > text.length) {
      throw badRequest("can't parse entities: entity is out of the text");
    }
  }
  return value as MessageEntity[];
}

/** Telegram counts length after parsing, in UTF-16 code units. */
export function checkLength(formatted: FormattedText, max: number, tooLong: string): void {
  if (formatted.text.length > max) throw badRequest(tooLong);
}

/** The text fields of a message; Telegram omits an empty entity list. */
export function textFields(formatted: FormattedText): { text: string; entities?: MessageEntity[] } {
  return {
    text: formatted.text,
    ...(formatted.entities.length > 0 ? { entities: formatted.entities } : {}),
  };
}

/** The caption fields of a media message; an empty caption means none. */
export function captionFields(formatted: FormattedText | undefined): {
  caption?: string;
  caption_entities?: MessageEntity[];
} {
  if (!formatted || formatted.text === "") return {};
  return {
    caption: formatted.text,
    ...(formatted.entities.length > 0 ? { caption_entities: formatted.entities } : {}),
  };
}
