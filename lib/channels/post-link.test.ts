import { describe, expect, it } from "vitest";
import { postLink } from "./post-link";

describe("a channel post's link", () => {
  it("uses the public channel's @username", () => {
    expect(
      postLink({ username: "roastery_news", telegramChatId: -1001777000001, telegramMessageId: 7 }),
    ).toBe("https://t.me/roastery_news/7");
  });

  it("uses t.me/c/ and the id without -100 for a private channel", () => {
    expect(postLink({ username: null, telegramChatId: -1001777000001, telegramMessageId: 7 })).toBe(
      "https://t.me/c/1777000001/7",
    );
  });
});
