import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Button } from "./button";
import { dangerButton, primaryButton, secondaryButton } from "./button-styles";

describe("Button", () => {
  it("is a native button in the primary look that passes its form attributes through", () => {
    const html = renderToStaticMarkup(
      h(Button, { name: "action", value: "ship", disabled: true }, "Mark shipped"),
    );
    expect(html).toMatch(
      new RegExp(`^<button class="${primaryButton}" [^>]*>Mark shipped</button>$`),
    );
    for (const attribute of ['name="action"', 'value="ship"', 'disabled=""']) {
      expect(html).toContain(attribute);
    }
  });

  it("takes the secondary and danger looks, plus the caller's classes", () => {
    expect(renderToStaticMarkup(h(Button, { variant: "secondary", type: "button" }, "Check"))).toBe(
      `<button class="${secondaryButton}" type="button">Check</button>`,
    );
    expect(
      renderToStaticMarkup(h(Button, { variant: "danger", className: "mt-4" }, "Archive")),
    ).toBe(`<button class="${dangerButton} mt-4">Archive</button>`);
  });
});
