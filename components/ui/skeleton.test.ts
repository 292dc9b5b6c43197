import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ListSkeleton } from "./skeleton";

describe("ListSkeleton", () => {
  it("is one busy region that screen readers hear as a single loading status", () => {
    const html = renderToStaticMarkup(createElement(ListSkeleton, { label: "Wird geladen…" }));
    expect(html).toMatch(/^<div aria-busy="true"/);
    expect(html).toContain('<p role="status" class="sr-only">Wird geladen…</p>');
    // The bars are decoration only.
    expect(html).toContain('<div aria-hidden="true" class="animate-pulse');
    expect(html.match(/role="status"/g)).toHaveLength(1);
  });
});
