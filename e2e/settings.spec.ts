import { expect, test, type Page } from "@playwright/test";
import { logInAsSandboxSeller } from "./login";
import { saveScreenshot } from "./screenshots";

test.use({ locale: "en-US", permissions: ["clipboard-read", "clipboard-write"] });

const logInAsSandboxAdmin = async (page: Page) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in as test admin" }).click();
  await expect(page).toHaveURL(/\/$/);
};
const settingsNav = (page: Page) => page.getByRole("navigation", { name: "Settings sections" });
const clipboardText = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test("a seller creates an API token in Settings and uses it on the products API", async ({
  page,
  request,
}) => {
  await logInAsSandboxSeller(page);
  await page.goto("/settings");
  await settingsNav(page).getByRole("link", { name: "Developers" }).click();
  await expect(page).toHaveURL(/\/settings\/developers$/);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Please fill this in.")).toBeVisible();
  await page.getByLabel("Token name").fill("Shop sync");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("status").filter({ hasText: "Copy this token now" });
  const token = (await shown.locator("code").textContent()) ?? "";
  expect(token).toMatch(/^pb_/);
  // Copy puts exactly the token on the clipboard and says so to screen readers as well.
  await shown.getByRole("button", { name: "Copy" }).click();
  await expect(shown.locator("[aria-live=polite]")).toHaveText("Copied");
  expect(await clipboardText(page)).toBe(token);
  await saveScreenshot(page, "settings");

  const created = await request.post("/api/products", {
    headers: { authorization: `Bearer ${token}` },
    data: { title: "API Tote Bag", price: "18.00", stock: 12 },
  });
  expect(created.status()).toBe(201);
  await page.goto("/products");
  await expect(page.getByRole("row", { name: /API Tote Bag/ })).toContainText("€18.00");

  await page.goto("/settings/developers");
  await page
    .getByRole("listitem")
    .filter({ hasText: "Shop sync" })
    .getByRole("button", { name: "Revoke" })
    .click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Shop sync")).toHaveCount(0);
  const refused = await request.get("/api/products", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(refused.status()).toBe(401);
});

test("an admin creates an invite link; a seller is not offered one", async ({ page }) => {
  await logInAsSandboxAdmin(page);
  await page.goto("/settings/team");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const invite = page.getByRole("region", { name: "Invite a seller" }).getByRole("status");
  await expect(invite).toContainText("/login?invite=inv_");
  await invite.getByRole("button", { name: "Copy" }).click();
  await expect(invite.locator("[aria-live=polite]")).toHaveText("Copied");
  expect(await clipboardText(page)).toBe(await invite.locator("code").textContent());

  // Exactly "Sign out": an admin's Settings also has "Sign out every user", which asks first.
  await page.getByRole("button", { name: "Sign out", exact: true }).last().click();
  await expect(page).toHaveURL(/\/login/);
  await logInAsSandboxSeller(page);
  await page.goto("/settings/team");
  await expect(page.getByRole("heading", { name: "Where you are signed in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create invite link" })).toHaveCount(0);
});

test("a seller enters the business details their invoices carry, fixing a field first", async ({
  page,
}) => {
  await logInAsSandboxSeller(page);
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Business details for invoices" });
  await section.getByLabel("Name or company").fill("Test Roastery GmbH");
  await section.getByLabel("Address").fill("Kaffeeweg 3\n10115 Berlin\nGermany");
  await section.getByLabel("VAT ID (optional)").fill("123");
  await section.getByLabel("VAT rate in %").fill("7");
  await section.getByRole("button", { name: "Save details" }).click();
  await expect(section.getByLabel("VAT ID (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(section.getByText("A VAT ID starts with the country code")).toBeVisible();
  await section.getByLabel("VAT ID (optional)").fill("DE 123 456 789");
  await section.getByRole("button", { name: "Save details" }).click();
  await expect(section.getByRole("status")).toHaveText("Saved. New invoices use these details.");

  await page.reload();
  await expect(section.getByLabel("VAT ID (optional)")).toHaveValue("DE123456789");
  await section.getByLabel("Small business: no VAT (Kleinunternehmer, § 19 UStG)").check();
  await expect(section.getByLabel("VAT rate in %")).toHaveCount(0);
  await section.getByRole("button", { name: "Save details" }).click();
  await expect(section.getByRole("status")).toBeVisible();
  await page.reload();
  await expect(
    section.getByLabel("Small business: no VAT (Kleinunternehmer, § 19 UStG)"),
  ).toBeChecked();
  await saveScreenshot(page, "settings-business");
});

test("an admin reaches every settings section by its tabs; old one-page links still land", async ({
  page,
}) => {
  await logInAsSandboxAdmin(page);
  await page.goto("/settings");
  const tabs = settingsNav(page).getByRole("link");
  await expect(tabs).toHaveText(["Business", "Developers", "Team", "System"]);
  await expect(tabs.first()).toHaveAttribute("aria-current", "page");
  for (const [tab, path, heading] of [
    ["Developers", "/settings/developers", "API tokens"],
    ["Team", "/settings/team", "Invite a seller"],
    ["System", "/settings/system", "Deploy"],
    ["Business", "/settings", "Business details for invoices"],
  ] as const) {
    await settingsNav(page).getByRole("link", { name: tab }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
    await expect(settingsNav(page).getByRole("link", { name: tab })).toHaveAttribute(
      "aria-current",
      "page",
    );
  }
  // Each section holds only its own cards.
  await expect(page.getByRole("heading", { name: "API tokens" })).toHaveCount(0);

  // A bookmark of the one long page goes to where the card moved.
  await page.goto("/");
  await page.goto("/settings#tokens-title");
  await expect(page).toHaveURL(/\/settings\/developers#tokens-title$/);
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await page.goto("/settings#business-title");
  await expect(page.getByRole("heading", { name: "Business details for invoices" })).toBeVisible();
  await expect(page).toHaveURL(/\/settings#business-title$/);
});

test("a seller has no System tab, and its address finds nothing", async ({ page }) => {
  await logInAsSandboxSeller(page);
  await page.goto("/settings");
  await expect(settingsNav(page).getByRole("link")).toHaveText(["Business", "Developers", "Team"]);
  const system = await page.goto("/settings/system");
  expect(system?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Deploy", exact: true })).toHaveCount(0);
});

test("on a phone, settings start with the business details and never scroll sideways", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await logInAsSandboxAdmin(page);
  for (const path of ["/settings", "/settings/developers", "/settings/team", "/settings/system"]) {
    await page.goto(path);
    await expect(settingsNav(page)).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBe(0);
  }
  await page.goto("/settings");
  await expect(page.getByRole("main").getByRole("heading", { level: 2 }).first()).toHaveText(
    "Business details for invoices",
  );
  // The business form starts on the first screen, right under the tabs.
  const top = await page
    .getByRole("heading", { name: "Business details for invoices" })
    .boundingBox();
  expect(top!.y).toBeLessThan(844);
  await saveScreenshot(page, "settings-phone");
});
