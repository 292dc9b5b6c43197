import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Card, CardTitle } from "./card";

describe("Card", () => {
  it("is a framed section named by its title", () => {
    const html = renderToStaticMarkup(
      h(
        Card,
        { "aria-labelledby": "tokens-title", className: "mt-4" },
        h(CardTitle, { id: "tokens-title" }, "API tokens"),
      ),
    );
    expect(html).toBe(
      '<section class="rounded-xl border border-slate-200 bg-white p-5 mt-4" aria-labelledby="tokens-title">' +
        '<h2 class="text-base font-semibold text-slate-900" id="tokens-title">API tokens</h2></section>',
    );
  });
});
