import { describe, expect, it } from "vitest";
import { pickLocale } from "./locale";

describe("pickLocale", () => {
  it("follows the browser: German variants read German", () => {
    expect(pickLocale(undefined, "de-AT,de;q=0.9,en;q=0.5")).toBe("de");
    expect(pickLocale(undefined, "de-CH")).toBe("de");
  });

  it("takes the best-weighted supported language", () => {
    expect(pickLocale(undefined, "fr-FR,fr;q=0.9,de;q=0.8,en;q=0.7")).toBe("de");
    expect(pickLocale(undefined, "en-US,de;q=0.9")).toBe("en");
  });

  it("falls back to English for unsupported or missing preferences", () => {
    expect(pickLocale(undefined, "fr, ja;q=0.5")).toBe("en");
    expect(pickLocale(undefined, null)).toBe("en");
  });

  it("lets the seller's explicit choice win over the browser", () => {
    expect(pickLocale("de", "en-US")).toBe("de");
    expect(pickLocale("xx", "de")).toBe("de");
  });
});
