import { describe, expect, it } from "vitest";
import { visibleLength } from "@/lib/telegram/message-limits";
import { productCardWithin } from "./product-card-text";

const card = { title: "Tour poster", price: 1290, currency: "EUR" as const, stock: null };

describe("productCardWithin", () => {
  it("leaves a card that fits as it is", () => {
    const html = productCardWithin({ ...card, description: "Screen print, A2." }, "en", 1024);
    expect(html).toBe("<b>Tour poster</b>\nScreen print, A2.\n\nPrice: <b>€12.90</b>\nIn stock");
  });

  it("never cuts a character outside the basic plane in half", () => {
    // 🎸 is two UTF-16 code units, as Telegram counts it; half of one is not valid text.
    const html = productCardWithin({ ...card, description: "🎸".repeat(600) }, "en", 1024);
    expect(visibleLength(html)).toBeLessThanOrEqual(1024);
    expect(html.isWellFormed()).toBe(true);
    expect(html).toContain("🎸…\n\nPrice:");
  });
});
