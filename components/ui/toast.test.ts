import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Toast, dismissAfter } from "./toast";

afterEach(() => {
  vi.useRealTimers();
});

describe("Toast", () => {
  it("shows the message in a status region with a labelled dismiss button", () => {
    const html = renderToStaticMarkup(
      h(Toast, { message: "Saved.", onDismiss: () => {}, dismissLabel: "Dismiss" }),
    );
    expect(html).toContain('<p role="status">Saved.</p>');
    expect(html).toContain('<button type="button" aria-label="Dismiss"');
    expect(html).toContain("bg-emerald-700");
  });

  it("keeps the empty status region in place while there is nothing to say", () => {
    const html = renderToStaticMarkup(
      h(Toast, { message: undefined, onDismiss: () => {}, dismissLabel: "Dismiss" }),
    );
    expect(html).toContain('<p role="status"></p>');
    expect(html).not.toContain("<button");
  });

  it("shows errors in red", () => {
    const html = renderToStaticMarkup(
      h(Toast, { message: "Failed.", tone: "error", onDismiss: () => {}, dismissLabel: "Dismiss" }),
    );
    expect(html).toContain("bg-red-700");
  });
});

describe("dismissAfter", () => {
  it("dismisses once the time is up, and not at all when cancelled first", () => {
    vi.useFakeTimers();
    const dismissed = vi.fn();
    dismissAfter(5000, dismissed);
    vi.advanceTimersByTime(4999);
    expect(dismissed).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(dismissed).toHaveBeenCalledOnce();

    const kept = vi.fn();
    const cancel = dismissAfter(5000, kept);
    cancel();
    vi.advanceTimersByTime(10_000);
    expect(kept).not.toHaveBeenCalled();
  });
});
