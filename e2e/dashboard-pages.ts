import { expect, type Browser, type Page } from "@playwright/test";

// The dashboard's pages, as the accessibility and screenshot specs walk them: one signed-in
// browser per role and language, the pages that exist found by following the dashboard's links.

export type Role = "seller" | "admin";
export type Language = "en" | "de";

const browserLocale: Record<Language, string> = { en: "en-US", de: "de-DE" };
const logInButton: Record<Role, RegExp> = {
  seller: /test seller|Test-Verkäufer/,
  admin: /test admin|Test-Admin/,
};

/** A browser in `language` signed in as the sandbox's test seller or test admin. */
export async function signedInPage(browser: Browser, role: Role, language: Language) {
  const context = await browser.newContext({ locale: browserLocale[language] });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: logInButton[role] }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("html")).toHaveAttribute("lang", language);
  return page;
}

/** The first link in the page's main area to a detail page under `prefix` (/products/<id>). */
async function firstDetailLink(page: Page, prefix: string) {
  const hrefs = await page
    .locator(`main a[href^="${prefix}/"]`)
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.find((href) => new RegExp(`^${prefix}/[0-9a-f-]{36}$`).test(href));
}

/**
 * Every dashboard page the signed-in user can reach: the navigation's sections, the settings
 * pages its links lead to (one page now, a page per section after the split), the first product
 * and order found in the lists, and the new-product form. Admin-only sections come with the
 * admin's navigation.
 */
export async function dashboardPaths(page: Page): Promise<string[]> {
  await page.goto("/");
  const navigation = page.getByRole("navigation").first();
  const sections = await navigation
    .locator("a[href^='/']")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  await page.goto("/settings");
  const settings = await page
    .locator("a[href^='/settings']")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  await page.goto("/products");
  const product = await firstDetailLink(page, "/products");
  await page.goto("/orders");
  const order = await firstDetailLink(page, "/orders");
  const paths = [...sections, "/products/new", ...settings, product, order];
  return [...new Set(paths.filter((path): path is string => !!path))];
}

/** A file-name part for a page: "/" is the overview, ids become "detail". */
export function pageName(path: string) {
  if (path === "/") return "overview";
  return path
    .slice(1)
    .replace(/[0-9a-f-]{36}/, "detail")
    .replace(/\//g, "-");
}
