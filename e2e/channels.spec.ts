import { expect, test } from "@playwright/test";
import { logInAsSandboxSeller } from "./login";
import { saveScreenshot } from "./screenshots";

test.use({ locale: "en-US" });

// The sandbox's channel was created by the test seller; the test admin is not in it. Being an
// admin of the app gives no rights in a Telegram channel.
test("only someone who runs the sandbox channel in Telegram can connect it", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in as test admin" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/channels");
  await page.getByLabel("Channel", { exact: true }).fill("@promo_sandbox_shop");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
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
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Channel connected. Promo Sandbox Shop");
});

test("the connect steps name the bot up front; Disconnect asks first, and the channel can come back", async ({
  page,
}) => {
  await logInAsSandboxSeller(page);
  await page.goto("/channels");
  // Before any attempt: step 1 names the bot to add, step 2 the right it needs.
  const steps = page.getByRole("list", { name: "How to connect a channel" }).getByRole("listitem");
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText("@promo_sandbox_bot");
  await expect(steps.nth(1)).toContainText("“Post messages”");

  const row = page.getByRole("listitem").filter({ hasText: "Promo Sandbox Shop" });
  const open = row.getByRole("link", { name: "Open in Telegram" });
  await expect(open).toHaveAttribute("href", "https://t.me/promo_sandbox_shop");
  await expect(open).toHaveAttribute("target", "_blank");
  await saveScreenshot(page, "channels-steps");

  await row.getByRole("button", { name: "Disconnect" }).click();
  await expect(row.getByRole("group", { name: "Really disconnect this channel?" })).toBeVisible();
  await row.getByRole("button", { name: "Keep" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Disconnect" }).click();
  await row.getByRole("button", { name: "Confirm" }).click();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: "Promo Sandbox Shop" })).toHaveCount(0);

  // Connecting it again brings the same channel back for the specs that publish to it.
  await page.getByLabel("Channel", { exact: true }).fill("@promo_sandbox_shop");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Channel connected. Promo Sandbox Shop");
  await expect(row).toBeVisible();
});
