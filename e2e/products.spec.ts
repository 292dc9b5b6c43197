import path from "node:path";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { expect, test } from "@playwright/test";
import { logInAsSandboxSeller } from "./login";
import { saveScreenshot } from "./screenshots";

// A real 1×1 PNG, as a seller's camera roll would provide (only much smaller).
const onePixelPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test.use({ locale: "en-US" });

test("a seller fixes a product's errors at the fields, saves it with a photo, then edits it", async ({
  page,
}) => {
  await logInAsSandboxSeller(page);
  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: "Products" })
    .click();
  await page.getByRole("link", { name: "New product" }).click();

  await page.getByLabel("Price").fill("twelve");
  await page.getByLabel("Stock").fill("-2");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Please fill this in.")).toBeVisible();
  await expect(page.getByText("Enter a price like 12.90.")).toBeVisible();
  await expect(page.getByText("Enter a whole number from 0")).toBeVisible();
  await saveScreenshot(page, "product-form-errors");

  await page.getByLabel("Title").fill("Espresso Blend 250 g");
  await page.getByLabel("Description").fill("Chocolate, hazelnut; roasted every Tuesday.");
  await page.getByLabel("Price").fill("12,90");
  await page.getByLabel("Stock").fill("25");
  const photo = path.join(mkdtempSync(path.join(tmpdir(), "promo-photo-")), "espresso.png");
  writeFileSync(photo, onePixelPng);
  await page.getByLabel("Photo").setInputFiles(photo);
  await page.getByRole("button", { name: "Save product" }).click();

  // Saving says so, and offers the next step.
  await expect(page).toHaveURL(/\/products\?saved=[0-9a-f-]{36}$/);
  const notice = page.getByRole("status").filter({ hasText: "Product saved." });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole("link", { name: "Publish it to your channels" })).toHaveAttribute(
    "href",
    /\/products\/[0-9a-f-]{36}#publish$/,
  );
  const row = page.getByRole("row", { name: /Espresso Blend 250 g/ });
  await expect(row).toContainText("€12.90");
  await expect(row).toContainText("25");
  // The list shows the product's photo, loaded, beside a title that looks like a link.
  const thumbnail = row.locator("img");
  await expect(thumbnail).toHaveAttribute("src", /\/api\/products\/[0-9a-f-]{36}\/photo$/);
  await expect
    .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(1);
  const title = row.getByRole("link", { name: "Espresso Blend 250 g" });
  await expect(title).toHaveCSS("color", "rgb(23, 107, 149)");
  await expect(title).toHaveCSS("text-decoration-line", "underline");
  await saveScreenshot(page, "products");

  // Publish is one click from the list.
  await row.getByRole("link", { name: "Publish", exact: true }).click();
  await expect(page).toHaveURL(/\/products\/[0-9a-f-]{36}#publish$/);
  await expect(page.getByRole("region", { name: "Publish" })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("row", { name: /Espresso Blend 250 g/ })).toBeVisible();

  await row.getByRole("link", { name: "Espresso Blend 250 g" }).click();
  await expect(page.getByText("Current photo is kept")).toBeVisible();
  await page.getByLabel("Stock").fill("");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByRole("row", { name: /Espresso Blend 250 g/ })).toContainText("Unlimited");
});

test("a file that is not an image is refused at the photo field", async ({ page }) => {
  await logInAsSandboxSeller(page);
  await page.goto("/products/new");
  await page.getByLabel("Title").fill("Tour Shirt");
  await page.getByLabel("Price").fill("25");
  const notAnImage = path.join(mkdtempSync(path.join(tmpdir(), "promo-photo-")), "shirt.png");
  writeFileSync(notAnImage, "this is text, not a picture");
  await page.getByLabel("Photo").setInputFiles(notAnImage);
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByText("Upload a JPEG, PNG or WebP image.")).toBeVisible();
  // What was typed is still there.
  await expect(page.getByLabel("Title")).toHaveValue("Tour Shirt");
});

test("the Telegram preview follows the unsaved form, and a photo dropped on the field is previewed and saved", async ({
  page,
}) => {
  await logInAsSandboxSeller(page);
  await page.goto("/products/new");
  const preview = page.getByRole("region", { name: "Preview in your channel" }).getByRole("figure");
  await page.getByLabel("Title").fill("Live Preview Tee");
  await page.getByLabel("Description").fill("Organic <cotton> & ink.");
  await page.getByLabel("Price").fill("19,5");
  // Nothing saved yet: the post shows what is typed, formatted as the bot formats it.
  await expect(preview).toContainText("Live Preview Tee");
  await expect(preview).toContainText("Organic <cotton> & ink.");
  await expect(preview).toContainText("€19.50");
  await expect(preview.locator("b").first()).toHaveText("Live Preview Tee");
  await page.getByLabel("Currency").selectOption("USD");
  await expect(preview).toContainText("US$19.50");

  // The photo field is still a real, labelled file input, inside a drop zone.
  const photoInput = page.getByLabel("Photo");
  await expect(photoInput).toHaveAttribute("type", "file");
  const dropped = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "tee.png", { type: "image/png" }));
    return transfer;
  }, onePixelPng.toString("base64"));
  await page.getByTestId("photo-drop-zone").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(page.getByTestId("photo-preview")).toHaveAttribute("src", /^blob:/);
  await expect(preview.locator("img")).toHaveAttribute("src", /^blob:/);
  expect(await photoInput.evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe(
    "tee.png",
  );
  await saveScreenshot(page, "product-form-live-preview");

  await page.getByRole("button", { name: "Save product" }).click();
  const row = page.getByRole("row", { name: /Live Preview Tee/ });
  await expect(row.locator("img")).toHaveAttribute("src", /\/api\/products\/[0-9a-f-]{36}\/photo$/);
});
