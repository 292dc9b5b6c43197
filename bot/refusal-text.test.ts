import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/platform/app-error";
import { translate } from "@/lib/telegram/i18n";
import { refusalText } from "./refusal-text";

const ctx = { from: { language_code: "en" } } as Context;
const t = (key: string, vars?: Record<string, string | number>) => translate("en", key, vars);

describe("the bot's words for a refusal", () => {
  it("tells a buyer why a product cannot be bought", () => {
    const soldOut = new AppError("unavailable", "sold_out", { title: "Mug <3>" });
    expect(refusalText(ctx, soldOut, "buyer")).toBe(
      t("product-sold-out", { title: "Mug &lt;3&gt;" }),
    );
    expect(refusalText(ctx, new AppError("not_found", "product"), "buyer")).toBe(
      t("product-not-found"),
    );
    expect(refusalText(ctx, new AppError("unavailable", "sold_out"), "buyer")).toBe(
      t("sold-out-now"),
    );
  });

  it("tells a seller about their order, and a buyer that there is nothing to renew", () => {
    const notTheirs = new AppError("not_found", "order");
    expect(refusalText(ctx, notTheirs, "seller")).toBe(t("not-your-order"));
    expect(refusalText(ctx, notTheirs, "buyer")).toBe(t("status-empty"));
    const shipped = new AppError("conflict", "transition", { from: "shipped", to: "shipped" });
    expect(refusalText(ctx, shipped, "seller")).toBe(t("status-shipped"));
  });

  it("throws on what is not a refusal it knows", () => {
    const bug = new Error("bug");
    expect(() => refusalText(ctx, bug, "buyer")).toThrow(bug);
    expect(() => refusalText(ctx, new AppError("forbidden"), "buyer")).toThrow("forbidden");
  });
});
