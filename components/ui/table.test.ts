import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TBody, TD, TH, THead, TR, Table } from "./table";

describe("Table", () => {
  it("is a named table in a box that scrolls sideways, its columns headed with scope=col", () => {
    const html = renderToStaticMarkup(
      h(
        Table,
        { "aria-labelledby": "orders-title", className: "mt-3" },
        h(THead, null, h(TR, null, h(TH, null, "Title"), h(TH, { align: "right" }, "Price"))),
        h(TBody, null, h(TR, null, h(TD, null, "Tote bag"), h(TD, { align: "right" }, "€18.00"))),
      ),
    );
    // The scroller is a tab stop named like its table: a keyboard can scroll it.
    expect(html).toMatch(
      /^<div role="region" tabindex="0" aria-labelledby="orders-title" class="relative overflow-x-auto rounded-xl border [^"]* mt-3"><table /,
    );
    expect(html).toContain(
      '<table class="min-w-full divide-y divide-slate-200 text-sm" aria-labelledby="orders-title">',
    );
    expect(html).toContain('<th scope="col" class="px-4 py-3">Title</th>');
    expect(html).toContain('<th scope="col" class="px-4 py-3 text-right">Price</th>');
    expect(html).toContain('<td class="px-4 py-3 text-right">€18.00</td>');
  });

  it("inset inside a card: no frame of its own, smaller headers, a row header read as the row's name", () => {
    const html = renderToStaticMarkup(
      h(
        Table,
        { inset: true },
        h(THead, { inset: true }, h(TR, null, h(TH, { inset: true }, "What"))),
        h(
          TBody,
          null,
          h(
            TR,
            null,
            h(TH, { inset: true, scope: "row" }, "Stripe webhooks"),
            h(TD, { inset: true }, "1"),
          ),
        ),
      ),
    );
    expect(html).toMatch(
      /^<div tabindex="0" class="relative overflow-x-auto focus-visible:[^"]*"><table class="min-w-full text-sm">/,
    );
    expect(html).toContain("<thead>");
    expect(html).toContain(
      '<th scope="col" class="py-2 pr-4 text-left text-xs font-medium uppercase text-slate-500">What</th>',
    );
    expect(html).toContain(
      '<th scope="row" class="py-2 pr-4 text-left font-normal">Stripe webhooks</th>',
    );
    expect(html).toContain('<td class="py-2 pr-4">1</td>');
  });

  it("without a name of the table's own, names the table and its scroller with the label", () => {
    const html = renderToStaticMarkup(h(Table, { label: "Products" }));
    expect(html).toMatch(/^<div role="region" tabindex="0" aria-label="Products" class="[^"]*">/);
    expect(html).toContain(
      '<table class="min-w-full divide-y divide-slate-200 text-sm" aria-label="Products">',
    );
  });

  it("inset, its box is a named group: the card around it is the region by that name", () => {
    const html = renderToStaticMarkup(h(Table, { inset: true, "aria-labelledby": "counters" }));
    expect(html).toMatch(/^<div role="group" tabindex="0" aria-labelledby="counters" class="/);
  });

  it("shows a footer (the empty line) inside the frame, under the table", () => {
    const html = renderToStaticMarkup(h(Table, { footer: h("p", null, "No orders yet.") }));
    expect(html).toMatch(/<\/table><p>No orders yet\.<\/p><\/div>$/);
  });
});
