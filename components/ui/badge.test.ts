import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Badge } from "./badge";

describe("Badge", () => {
  it("is a grey pill with the status as its text", () => {
    expect(renderToStaticMarkup(h(Badge, null, "Paid"))).toBe(
      '<span class="rounded-full px-2 py-0.5 text-xs bg-slate-100 font-medium text-slate-700">Paid</span>',
    );
  });

  it("turns green for ok and red for a problem", () => {
    expect(renderToStaticMarkup(h(Badge, { tone: "success" }, "OK"))).toContain(
      "bg-emerald-100 font-semibold text-emerald-800",
    );
    expect(renderToStaticMarkup(h(Badge, { tone: "danger" }, "Problem"))).toContain(
      "bg-red-100 font-semibold text-red-800",
    );
  });
});
