import { describe, expect, it } from "vitest";
import { parseHtml } from "./html-parse-mode";

const error = (html: string) => {
  try {
    parseHtml(html);
  } catch (thrown) {
    return (thrown as Error).message;
  }
  return "parsed";
};

describe("HTML parse mode", () => {
  it("turns tags into entities counted in UTF-16 units", () => {
    expect(
      parseHtml('😀 <b>Tee <i>&amp; Mug</i></b> <a href="https://x.example/?a=1&amp;b=>">link</a>'),
    ).toEqual({
      text: "😀 Tee & Mug link",
      entities: [
        { type: "bold", offset: 3, length: 9 },
        { type: "italic", offset: 7, length: 5 },
        { type: "text_link", offset: 13, length: 4, url: "https://x.example/?a=1&b=>" },
      ],
    });
    expect(parseHtml('<pre><code class="language-ts">x</code></pre>').entities).toEqual([
      { type: "pre", offset: 0, length: 1, language: "ts" },
    ]);
    expect(parseHtml("<blockquote expandable>q</blockquote> &copy; &#8364;").entities).toEqual([
      { type: "expandable_blockquote", offset: 0, length: 1 },
    ]);
    expect(parseHtml("&copy; &#8364;").text).toBe("&copy; €");
  });

  it("fails where Telegram fails, with its wording and byte offsets", () => {
    expect(error("1 < 2")).toBe(
      `Bad Request: can't parse entities: Unsupported start tag "" at byte offset 2`,
    );
    expect(error("ü<<x y")).toBe(
      `Bad Request: can't parse entities: Unsupported start tag "<x" at byte offset 2`,
    );
    expect(error("a<br>b")).toBe(
      `Bad Request: can't parse entities: Unsupported start tag "br" at byte offset 1`,
    );
    expect(error("<b>x")).toBe(
      `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
    );
    expect(error("x</b>")).toBe(
      "Bad Request: can't parse entities: Unexpected end tag at byte offset 1",
    );
    expect(error("<b>x</i>")).toBe(
      `Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`,
    );
    expect(error("a <<")).toBe(
      "Bad Request: can't parse entities: Unclosed start tag at byte offset 2",
    );
    expect(error("<b")).toBe(
      "Bad Request: can't parse entities: Unclosed start tag at byte offset 0",
    );
    expect(error('<span class="x">y</span>')).toBe(
      `Bad Request: can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0`,
    );
  });
});
