import { expect, test, type Page } from "@playwright/test";
import { dashboardPaths, pageName, signedInPage, type Language } from "./dashboard-pages";
import { productWithPaidOrder } from "./sandbox-shop";
import { saveScreenshot } from "./screenshots";

// What every dashboard page looks like on a laptop and on a phone, in both languages, written
// to test-results/screenshots/<page>-<language>-<desktop|phone>.png. Each page must show its
// heading and fit the screen's width: nothing may make the page scroll sideways.
test.use({ locale: "en-US" });

const viewports = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

// A product with a paid order, so the detail pages have something to show.
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedInPage(browser, "seller", "en");
  await productWithPaidOrder(page, "Screenshot mug");
  await page.context().close();
});

async function photographPages(page: Page, paths: string[], language: Language) {
  for (const [device, size] of Object.entries(viewports)) {
    await page.setViewportSize(size);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(400);
      await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
      await saveScreenshot(page, `${pageName(path)}-${language}-${device}`);
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect.soft(sideways, `${path} (${language}, ${device}) scrolls sideways by`).toBe(0);
    }
  }
}

for (const language of ["en", "de"] as const) {
  test(`every dashboard page in ${language}, on a laptop and a phone`, async ({ browser }) => {
    test.setTimeout(120_000);
    const seller = await signedInPage(browser, "seller", language);
    const sellerPaths = await dashboardPaths(seller);
    expect(sellerPaths.map(pageName)).toEqual(
      expect.arrayContaining(["overview", "products", "products-detail", "orders-detail"]),
    );
    await photographPages(seller, sellerPaths, language);
    await seller.context().close();

    // The pages only an admin has, as the admin.
    const admin = await signedInPage(browser, "admin", language);
    const sellerPages = new Set(sellerPaths.map(pageName));
    const adminOnly = (await dashboardPaths(admin)).filter(
      (path) => !sellerPages.has(pageName(path)),
    );
    expect(adminOnly).toContain("/monitoring");
    await photographPages(admin, adminOnly, language);
    await admin.context().close();
  });
}
