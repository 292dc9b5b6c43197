import { expect, test } from "@playwright/test";
import { logInAsSandboxSeller } from "./login";
import { saveScreenshot } from "./screenshots";

const sections = [
  // What each area says it is for (other specs may have filled some areas already).
  { name: "Overview", path: "/", intro: "Revenue, orders and how each post sells." },
  { name: "Products", path: "/products", intro: "What you sell: title, photo, price and stock." },
  { name: "Orders", path: "/orders", intro: "Every paid order, from payment to delivery." },
  { name: "Channels", path: "/channels", intro: "The Telegram channels the bot posts" },
  { name: "Settings", path: "/settings", intro: "Your business details, API tokens" },
];

test.beforeEach(async ({ page }) => {
  await logInAsSandboxSeller(page);
});

test.describe("dashboard shell", () => {
  test.use({ locale: "en-US" });

  test("navigates to every area", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    for (const section of sections) {
      await nav.getByRole("link", { name: section.name }).click();
      await expect(page).toHaveURL(section.path);
      await expect(page.getByRole("heading", { level: 1, name: section.name })).toBeVisible();
      await expect(page.getByText(section.intro)).toBeVisible();
      // The data streams in behind a skeleton (one busy region); it must give way to content.
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await expect(nav.getByRole("link", { name: section.name })).toHaveAttribute(
        "aria-current",
        "page",
      );
      await saveScreenshot(page, `shell-${section.name.toLowerCase()}`);
    }
  });

  test("switches to German and keeps the choice", async ({ page }) => {
    await page.goto("/orders");
    await page.getByRole("button", { name: "de", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Bestellungen" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await page.goto("/products");
    await expect(page.getByRole("heading", { level: 1, name: "Produkte" })).toBeVisible();
    await saveScreenshot(page, "shell-products-de");
  });
});

test.describe("German browser", () => {
  test.use({ locale: "de-DE" });

  test("greets a German browser in German", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Übersicht" })).toBeVisible();
    // Shown with or without sales (other specs may have sold something already).
    await expect(page.getByText("Braucht deine Aufmerksamkeit")).toBeVisible();
  });
});

test.describe("phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, locale: "en-US" });

  test("folds the navigation into a menu that still reaches every area", async ({ page }) => {
    await page.goto("/");
    const sidebar = page.locator("aside");
    await expect(sidebar).toBeHidden();
    await page.getByRole("button", { name: "Menu" }).click();
    const nav = page.getByRole("navigation", { name: "Main navigation" }).first();
    await nav.getByRole("link", { name: "Orders" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
    // Arriving on the new page closes the menu again.
    await expect(nav).toBeHidden();
    // Nothing may overflow sideways at phone width.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await saveScreenshot(page, "shell-phone-orders");
    // Every area fits the phone's width; wide tables scroll inside their own box.
    for (const path of ["/", "/products", "/products/new", "/channels", "/settings"]) {
      await page.goto(path);
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(sideways, path).toBe(0);
    }
  });
});

test("health reports the embedded database ready", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    live: true,
    ready: true,
    database: { ok: true, driver: "pglite" },
    migrations: { ok: true, current: true },
  });
});
