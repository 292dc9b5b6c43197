import { expect, test } from "@playwright/test";
import { logInAsSandboxSeller } from "./login";
import { saveScreenshot } from "./screenshots";

test.use({ locale: "en-US" });

test("a seller creates an API token in Settings and uses it on the products API", async ({
  page,
  request,
}) => {
  await logInAsSandboxSeller(page);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Please fill this in.")).toBeVisible();
  await page.getByLabel("Token name").fill("Shop sync");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByRole("status").locator("code").textContent()) ?? "";
  expect(token).toMatch(/^pb_/);
  await saveScreenshot(page, "settings");

  const created = await request.post("/api/products", {
    headers: { authorization: `Bearer ${token}` },
    data: { title: "API Tote Bag", price: "18.00", stock: 12 },
  });
  expect(created.status()).toBe(201);
  await page.goto("/products");
  await expect(page.getByRole("row", { name: /API Tote Bag/ })).toContainText("€18.00");

  await page.goto("/settings");
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
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in as test admin" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Create invite link" }).click();
  // Scoped: an admin's Settings has more sections (health, deploy) that may show a status.
  await expect(
    page.getByRole("region", { name: "Invite a seller" }).getByRole("status"),
  ).toContainText("/login?invite=inv_");

  // Exactly "Sign out": an admin's Settings also has "Sign out every user", which asks first.
  await page.getByRole("button", { name: "Sign out", exact: true }).last().click();
  await expect(page).toHaveURL(/\/login/);
  await logInAsSandboxSeller(page);
  await page.goto("/settings");
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
