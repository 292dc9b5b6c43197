import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConfirmDialog } from "./confirm-dialog";

const labels = {
  trigger: "Refund",
  title: "Refund order #12?",
  message: "The buyer gets €25.00 back. This cannot be undone.",
  confirm: "Refund €25.00",
  cancel: "Keep the order",
};

describe("ConfirmDialog", () => {
  const html = renderToStaticMarkup(
    h(ConfirmDialog, { labels, confirmButton: { name: "action", value: "refund" } }),
  );

  it("shows only its opening button until clicked, announcing that it opens a dialog", () => {
    expect(html).toMatch(/^<button [^>]*type="button" aria-haspopup="dialog">Refund<\/button>/);
    // A closed <dialog> is hidden from sight and from screen readers.
    expect(html).toMatch(/<dialog (?![^>]*\bopen\b)[^>]*>/);
  });

  it("names the dialog by its title and describes it by its message", () => {
    const dialog = html.match(/<dialog [^>]*>/)![0];
    const titleId = dialog.match(/aria-labelledby="([^"]+)"/)![1];
    const messageId = dialog.match(/aria-describedby="([^"]+)"/)![1];
    expect(html).toContain(
      `<h2 id="${titleId}" class="text-base font-semibold text-slate-900">Refund order #12?</h2>`,
    );
    expect(html).toContain(`id="${messageId}"`);
    expect(html).toContain(`>${labels.message}</p>`);
  });

  it("offers cancel first (focused on opening) and a confirm that submits the step it names", () => {
    const buttons = [...html.matchAll(/<button ([^>]*)>([^<]*)<\/button>/g)].map((m) => ({
      attributes: m[1]!,
      text: m[2],
    }));
    expect(buttons.map((button) => button.text)).toEqual([
      "Refund",
      "Keep the order",
      "Refund €25.00",
    ]);
    expect(buttons[1]!.attributes).toContain('type="button"');
    expect(buttons[2]!.attributes).toContain('type="submit"');
    expect(buttons[2]!.attributes).toContain('name="action"');
    expect(buttons[2]!.attributes).toContain('value="refund"');
  });

  it("gives each dialog on a page its own ids", () => {
    const two = renderToStaticMarkup(
      h("div", null, h(ConfirmDialog, { labels }), h(ConfirmDialog, { labels })),
    );
    const ids = [...two.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(2);
  });
});
