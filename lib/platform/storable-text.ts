// PostgreSQL keeps no NUL character (U+0000) in text or jsonb, and jsonb takes no half of a
// UTF-16 surrogate pair either: a statement carrying one fails as a whole ("invalid byte
// sequence", "unsupported Unicode escape sequence"). Input from outside is checked or cleaned
// here before it gets that far.

const NUL = "\u0000";

/** True when PostgreSQL can store the text as it is. */
export function hasNoNul(text: string): boolean {
  return !text.includes(NUL);
}

// How such characters arrive in JSON: a raw NUL or lone surrogate is not valid JSON text (and
// a body decoded from UTF-8 has none), so only these escapes can carry them.
const unstorableEscape = /\\u(?:0000|d[89a-f])/i;

/**
 * JSON text as jsonb can hold it: every NUL and every lone surrogate inside a string or a key
 * becomes U+FFFD, the replacement character. One UTF-16 unit for one, so the offsets Telegram
 * gives for a message's entities (bold, links, commands) still point at the same characters.
 * Text without such an escape (nearly all) is returned as it is, unparsed.
 */
export function storableJson(json: string): string {
  if (!unstorableEscape.test(json)) return json;
  return JSON.stringify(storable(JSON.parse(json)));
}

const storableString = (text: string) => text.replaceAll(NUL, "\uFFFD").toWellFormed();

function storable(value: unknown): unknown {
  if (typeof value === "string") return storableString(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [storableString(key), storable(item)]),
    );
  }
  return value;
}
