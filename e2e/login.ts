import { expect, type Page } from "@playwright/test";

/** Signs in through the login page's sandbox button (the embedded default offers it). */
export async function logInAsSandboxSeller(page: Page) {
  await page.goto("/login");
  await page.getByRole("button", { name: /test seller|Test-Verkäufer/ }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}
