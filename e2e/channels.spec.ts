import { expect, test } from "@playwright/test";
import { logInAsSandboxSeller } from "./login";

test.use({ locale: "en-US" });

// The sandbox's channel was created by the test seller; the test admin is not in it. Being an
// admin of the app gives no rights in a Telegram channel.
test("only someone who runs the sandbox channel in Telegram can connect it", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in as test admin" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/channels");
  await page.getByLabel("Channel", { exact: true }).fill("@promo_sandbox_shop");
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(
    page.getByText(
      "Only the channel's creator or an administrator allowed to post can connect it, and Telegram does not list you as one. Ask the creator to make you an administrator with “Post messages”, then try again.",
      { exact: true },
    ),
  ).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).last().click();
  await expect(page).toHaveURL(/\/login/);
  await logInAsSandboxSeller(page);
  await page.goto("/channels");
  await page.getByLabel("Channel", { exact: true }).fill("@promo_sandbox_shop");
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("status")).toHaveText("Channel connected. Promo Sandbox Shop");
});
