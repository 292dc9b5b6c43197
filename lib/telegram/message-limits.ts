// The Bot API's limits: a text message up to 4096 characters, a photo's caption up to 1024.
// Telegram counts them after parsing entities (the text people see, without our HTML tags) in
// UTF-16 code units, which is what a JavaScript string's length is.
export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;

/** The limit of a message that goes out as a photo's caption, or else as a text. */
export function telegramLengthLimit({ withPhoto }: { withPhoto: boolean }): number {
  return withPhoto ? TELEGRAM_CAPTION_LIMIT : TELEGRAM_TEXT_LIMIT;
}

// The entities Telegram's HTML parse mode decodes: four named ones and numeric references.
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const ENTITY = /&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot);/gi;

/**
 * The length Telegram counts of a text sent with parse_mode HTML: tags dropped, entities
 * decoded. Enough for the HTML we build (escapeHtml plus formatting tags); a malformed text
 * is refused by Telegram for its markup anyway.
 */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(ENTITY, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (NAMED_ENTITIES[lower] !== undefined) return NAMED_ENTITIES[lower];
    const code = lower.startsWith("#x") ? parseInt(lower.slice(2), 16) : Number(lower.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }).length;
}
