import { describe, expect, it } from "vitest";
import { escapeHtml } from "./html";
import { visibleLength } from "./message-limits";

describe("visibleLength", () => {
  it("counts what Telegram shows of HTML: no tags, entities as their one character", () => {
    expect(visibleLength(`<b>${escapeHtml("Fish & Chips <3")}</b>`)).toBe(15);
    // '"Hi" 🎸!': the guitar is two UTF-16 code units, as Telegram counts it.
    expect(visibleLength('<a href="https://t.me/x">&quot;Hi&quot; &#x1F3B8;&#33;</a>')).toBe(8);
    // An escaped entity stays text: "&amp;lt;" is the four characters "&lt;".
    expect(visibleLength(escapeHtml("&lt;"))).toBe(4);
  });
});
