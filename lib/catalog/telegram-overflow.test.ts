import { describe, expect, it } from "vitest";
import { telegramOverflow } from "./telegram-overflow";

const product = { price: 1290, currency: "EUR" as const, stock: null, hasPhoto: true };

describe("telegramOverflow", () => {
  it("blames the title only when it alone is too long", () => {
    // The German card "<b>{title}</b>\n\nPreis: <b>12,90 €</b>\nAuf Lager" is the title plus
    // 26 (English "Price: €12.90", "In stock": plus 24); a description adds itself and "\n".
    const title = (length: number) => "t".repeat(length);
    expect(telegramOverflow({ ...product, title: title(998), description: "" })).toBe(undefined);
    expect(telegramOverflow({ ...product, title: title(999), description: "" })).toEqual({
      field: "title",
      over: 1,
    });
    expect(telegramOverflow({ ...product, title: title(997), description: "d" })).toEqual({
      field: "description",
      over: 1,
    });
  });
});
