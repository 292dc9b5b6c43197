import path from "node:path";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { expect, test, type Locator } from "@playwright/test";
import sharp from "sharp";
import { logInAsSandboxSeller } from "./login";
import { saveScreenshot } from "./screenshots";

// A real 1×1 PNG, as a seller's camera roll would provide (only much smaller).
const onePixelPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test.use({ locale: "en-US" });

// A gallery photo's address names its key: a new cover is a new address, never a cached one.
const coverSrc = /\/api\/products\/[0-9a-f-]{36}\/photos\/[0-9a-f-]{36}\.(png|jpg|webp)$/;

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
  await page.getByLabel("Photos").setInputFiles(photo);
  // Uploaded as soon as it is chosen: the gallery shows it, as the cover.
  await expect(page.getByTestId("gallery-photo")).toHaveCount(1);
  await expect(page.getByTestId("gallery-photo").first()).toContainText("Cover");
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
  await expect(thumbnail).toHaveAttribute("src", coverSrc);
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
  // The saved photo is in the gallery again, still the cover.
  await expect(page.getByRole("img", { name: "Photo 1 of 1" })).toHaveAttribute("src", coverSrc);
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
  await page.getByLabel("Photos").setInputFiles(notAnImage);
  // Refused on upload, naming the file, and nothing is added to the gallery.
  await expect(page.getByText("shirt.png: Upload a JPEG, PNG or WebP image.")).toBeVisible();
  await expect(page.getByTestId("gallery-photo")).toHaveCount(0);
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
  const photoInput = page.getByLabel("Photos");
  await expect(photoInput).toHaveAttribute("type", "file");
  const dropped = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "tee.png", { type: "image/png" }));
    return transfer;
  }, onePixelPng.toString("base64"));
  await page.getByTestId("photo-drop-zone").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(page.getByRole("img", { name: "Photo 1 of 1" })).toHaveAttribute("src", /^blob:/);
  await expect(preview.locator("img")).toHaveAttribute("src", /^blob:/);
  await saveScreenshot(page, "product-form-live-preview");

  await page.getByRole("button", { name: "Save product" }).click();
  const row = page.getByRole("row", { name: /Live Preview Tee/ });
  await expect(row.locator("img")).toHaveAttribute("src", coverSrc);
});

/** PNGs of these widths (10 px high), told apart by width once uploaded and re-encoded. */
async function pngsOfWidths(widths: number[]) {
  const folder = mkdtempSync(path.join(tmpdir(), "promo-gallery-"));
  return Promise.all(
    widths.map(async (width) => {
      const file = path.join(folder, `width-${width}.png`);
      const image = sharp({ create: { width, height: 10, channels: 3, background: "#8b5a2b" } });
      writeFileSync(file, await image.png().toBuffer());
      return file;
    }),
  );
}

const loadedWidth = (image: Locator) =>
  image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));

test("a seller adds three photos, reorders and removes one; the list and preview show the new cover", async ({
  page,
}) => {
  await logInAsSandboxSeller(page);
  await page.goto("/products/new");
  await page.getByLabel("Title").fill("Gallery Mug");
  await page.getByLabel("Price").fill("24");
  const preview = page.getByRole("region", { name: "Preview in your channel" }).getByRole("figure");
  await page.getByLabel("Photos").setInputFiles(await pngsOfWidths([30, 40, 50]));
  const photos = page.getByTestId("gallery-photo");
  await expect(photos).toHaveCount(3);
  const widths = () =>
    photos
      .locator("img")
      .evaluateAll((images) => images.map((img) => (img as HTMLImageElement).naturalWidth));
  await expect.poll(widths).toEqual([30, 40, 50]);
  await expect(photos.nth(0)).toContainText("Cover");
  await expect.poll(() => loadedWidth(preview.locator("img"))).toBe(30);

  // By keyboard: the second photo moves to the front and becomes the cover.
  await page.getByRole("button", { name: "Move photo 2 left" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(widths).toEqual([40, 30, 50]);
  await expect(photos.nth(0)).toContainText("Cover");
  await expect(photos.nth(1)).not.toContainText("Cover");
  await expect.poll(() => loadedWidth(preview.locator("img"))).toBe(40);
  await page.getByRole("button", { name: "Move photo 2 right" }).click();
  await expect.poll(widths).toEqual([40, 50, 30]);
  await page.getByRole("button", { name: "Remove photo 3" }).click();
  await expect.poll(widths).toEqual([40, 50]);
  await saveScreenshot(page, "product-form-gallery");
  await page.getByRole("button", { name: "Save product" }).click();

  const row = page.getByRole("row", { name: /Gallery Mug/ });
  await expect(row.locator("img")).toHaveAttribute("src", coverSrc);
  await expect.poll(() => loadedWidth(row.locator("img"))).toBe(40);

  // Opened again, the gallery is as saved, and a new order saved makes a new cover.
  await row.getByRole("link", { name: "Gallery Mug" }).click();
  await expect.poll(widths).toEqual([40, 50]);
  await expect.poll(() => loadedWidth(preview.locator("img"))).toBe(40);
  await page.getByRole("button", { name: "Move photo 1 right" }).click();
  await expect.poll(() => loadedWidth(preview.locator("img"))).toBe(50);
  await page.getByRole("button", { name: "Save product" }).click();
  await expect
    .poll(() => loadedWidth(page.getByRole("row", { name: /Gallery Mug/ }).locator("img")))
    .toBe(50);
});

test("a gallery takes ten photos and says so when an eleventh is chosen", async ({ page }) => {
  await logInAsSandboxSeller(page);
  await page.goto("/products/new");
  const files = await pngsOfWidths([11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
  await page.getByLabel("Photos").setInputFiles(files);
  await expect(page.getByTestId("gallery-photo")).toHaveCount(10);
  await expect(
    page
      .getByText("That is 10 photos, the most a product takes. Remove one to add another.")
      .first(),
  ).toBeVisible();
  await expect(page.getByLabel("Photos")).toBeDisabled();
});
