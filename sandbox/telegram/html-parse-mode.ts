import type { MessageEntity } from "grammy/types";
import { badRequest } from "./api-error";

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

type Simple = MessageEntity.CommonMessageEntity["type"];

// The tags Telegram's HTML parse mode knows, and the entity each one makes.
const SIMPLE_TAGS: Record<string, Simple> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  code: "code",
};
const OTHER_TAGS = new Set(["a", "span", "pre", "blockquote", "tg-emoji"]);
// Attributes: name, optionally = and a quoted or bare value; a ">" inside quotes is no end.
const ATTRIBUTES = /(?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*/;
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  start: number;
  /** undefined: the tag makes no entity (e.g. <a> without href, <code> inside <pre>). */
  entity?: (length: number) => MessageEntity;
}

/** Telegram reports where parsing failed in UTF-8 bytes. */
function fail(raw: string, index: number, what: string, after = "") {
  const offset = new TextEncoder().encode(raw.slice(0, index)).length;
  return badRequest(`can't parse entities: ${what} at byte offset ${offset}${after}`);
}

/**
 * Parses Telegram's HTML parse mode into plain text and entities (offsets in UTF-16 units, as
 * the Bot API counts them), failing like Telegram on tags it does not support or that do not
 * nest, which is what catches an unescaped "<" in a product name before a real chat does.
 */
export function parseHtml(raw: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const open: OpenTag[] = [];
  let i = 0;
  while (i < raw.length) {
    const char = raw[i] ?? "";
    if (char === "&") {
      const match = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(raw.slice(i, i + 12));
      const decoded = match ? decodeEntity(match[1] ?? "") : undefined;
      text += decoded ?? "&";
      i += decoded !== undefined && match ? match[0].length : 1;
      continue;
    }
    if (char !== "<") {
      text += char;
      i++;
      continue;
    }
    const rest = raw.slice(i);
    if (rest.startsWith("</")) {
      const top = open.pop();
      if (!top) throw fail(raw, i, "Unexpected end tag");
      const close = /^<\/([^\s>]*)\s*>/.exec(rest);
      if (!close) throw fail(raw, i, "Unclosed end tag");
      const name = (close[1] ?? "").toLowerCase();
      if (name !== "" && name !== top.name) {
        const found = `, expected "</${top.name}>", found "</${name}>"`;
        throw fail(raw, i, "Unmatched end tag", found);
      }
      const length = text.length - top.start;
      if (top.entity && length > 0) entities.push(top.entity(length));
      i += close[0].length;
      continue;
    }
    // Like Telegram: the name runs to the first space or ">", and is checked before the rest.
    const name = (/^<([^\s>]*)/.exec(rest)?.[1] ?? "").toLowerCase();
    if (1 + name.length >= rest.length) throw fail(raw, i, "Unclosed start tag");
    if (!SIMPLE_TAGS[name] && !OTHER_TAGS.has(name)) {
      throw fail(raw, i, `Unsupported start tag "${name}"`);
    }
    const tag = new RegExp(`^<${name}(${ATTRIBUTES.source})\\s*>`, "i").exec(rest);
    if (!tag) throw fail(raw, i, "Unclosed start tag");
    open.push(openTag(raw, i, name, attributes(tag[1] ?? ""), text.length, open));
    i += tag[0].length;
  }
  const unclosed = open.pop();
  if (unclosed) {
    throw badRequest(
      `can't parse entities: Can't find end tag corresponding to start tag "${unclosed.name}"`,
    );
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function openTag(
  raw: string,
  index: number,
  name: string,
  attrs: Map<string, string>,
  start: number,
  open: OpenTag[],
): OpenTag {
  const simple = SIMPLE_TAGS[name];
  const parent = open.at(-1);
  if (name === "code" && parent?.name === "pre") {
    // <pre><code class="language-x"> is how a code block names its language.
    const language = /^language-(.+)$/.exec(attrs.get("class") ?? "")?.[1];
    if (language)
      parent.entity = (length) => ({ type: "pre", offset: parent.start, length, language });
    return { name, start };
  }
  if (simple) return { name, start, entity: (length) => ({ type: simple, offset: start, length }) };
  if (!OTHER_TAGS.has(name)) throw fail(raw, index, `Unsupported start tag "${name}"`);
  switch (name) {
    case "a": {
      const url = attrs.get("href");
      return url
        ? { name, start, entity: (length) => ({ type: "text_link", offset: start, length, url }) }
        : { name, start };
    }
    case "span":
      if (attrs.get("class") !== "tg-spoiler") {
        throw fail(raw, index, 'Tag "span" must have class "tg-spoiler"');
      }
      return { name, start, entity: (length) => ({ type: "spoiler", offset: start, length }) };
    case "pre":
      return { name, start, entity: (length) => ({ type: "pre", offset: start, length }) };
    case "blockquote": {
      const type = attrs.has("expandable") ? "expandable_blockquote" : "blockquote";
      return { name, start, entity: (length) => ({ type, offset: start, length }) };
    }
    default: {
      const id = attrs.get("emoji-id") ?? "";
      return {
        name,
        start,
        entity: (length) => ({ type: "custom_emoji", offset: start, length, custom_emoji_id: id }),
      };
    }
  }
}

function attributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const pattern = /([^\s=>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const match of source.matchAll(pattern)) {
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    attrs.set((match[1] ?? "").toLowerCase(), decodeAll(value));
  }
  return attrs;
}

function decodeAll(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    return decodeEntity(name) ?? whole;
  });
}

function decodeEntity(name: string): string | undefined {
  if (name.startsWith("#")) {
    const code =
      name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  // Telegram knows only these four names; others stay as written.
  return NAMED_ENTITIES[name.toLowerCase()];
}
