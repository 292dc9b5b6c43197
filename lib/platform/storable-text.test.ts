import { describe, expect, it } from "vitest";
import { hasNoNul, storableJson } from "./storable-text";

describe("text PostgreSQL can store", () => {
  it("turns each NUL and lone surrogate in JSON into U+FFFD, keys included, offsets kept", () => {
    const update = {
      update_id: 1,
      message: { text: "/start\u0000\u0000x", entities: [{ offset: 0, length: 6 }] },
      "odd\u0000key": ["\ud800", "😀"],
    };
    const stored = JSON.parse(storableJson(JSON.stringify(update)));
    expect(stored).toEqual({
      update_id: 1,
      message: { text: "/start\uFFFD\uFFFDx", entities: [{ offset: 0, length: 6 }] },
      "odd\uFFFDkey": ["\uFFFD", "😀"],
    });
    expect(stored.message.text).toHaveLength(update.message.text.length);
  });

  it("leaves JSON without such characters as it came, byte for byte", () => {
    const text = '{"update_id":2,"message":{"text":"caf\\u00e9 \\ud83d\\ude00 \\\\u0000"}}';
    expect(JSON.parse(storableJson(text))).toEqual(JSON.parse(text));
    const plain = '{ "update_id": 3, "message": { "text": "plain" } }';
    expect(storableJson(plain)).toBe(plain);
  });

  it("tells text with a NUL from text without", () => {
    expect(hasNoNul("Tote Bag")).toBe(true);
    expect(hasNoNul("Tote\u0000Bag")).toBe(false);
  });
});
