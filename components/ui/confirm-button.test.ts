import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { ConfirmButton } from "./confirm-button";

const labels = {
  trigger: "Cancel order",
  question: "Really cancel this order?",
  confirm: "Confirm",
  keep: "Keep",
};

it("first shows a plain button that submits nothing: a first click only asks", () => {
  const html = renderToStaticMarkup(
    h(ConfirmButton, { labels, confirmButton: { name: "action", value: "cancel" } }),
  );
  expect(html).toMatch(/^<button class="[^"]*" type="button">Cancel order<\/button>$/);
  expect(html).not.toContain('type="submit"');
  expect(html).not.toContain('value="cancel"');
});
