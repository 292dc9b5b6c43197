import { expect, test } from "@playwright/test";
import { logInAsSandboxSeller } from "./login";
import { createProduct, openOrder, orderInSandbox, publishToDemoChannel } from "./sandbox-shop";
import { saveScreenshot } from "./screenshots";

// Cancel order, Delete post, Archive product, Revoke token and Sign out every user: the first
// click only asks ("Really …? Confirm / Keep"); nothing happens until Confirm.
test.use({ locale: "en-US" });
test.describe.configure({ mode: "serial" });

test("deleting a post and archiving a product ask first, and Keep keeps", async ({ page }) => {
  await logInAsSandboxSeller(page);
  await createProduct(page, "Confirmable candle");
  const productUrl = page.url();
  await publishToDemoChannel(page);
  await page.reload();
  const post = page
    .getByRole("list", { name: "Posts" })
    .getByRole("listitem")
    .filter({ hasText: "Promo Sandbox Shop" });
  await expect(post).toContainText("Live");

  // One click only asks; reloading shows the post still live.
  await post.getByRole("button", { name: "Delete post" }).click();
  await expect(
    post.getByRole("group", { name: "Really take this post down from the channel?" }),
  ).toBeVisible();
  await saveScreenshot(page, "confirm-delete-post");
  await page.reload();
  await expect(post).toContainText("Live");
  await post.getByRole("button", { name: "Delete post" }).click();
  await post.getByRole("button", { name: "Confirm" }).click();
  await expect(post).toContainText("Deleted");

  // Keep puts the button back and nothing is archived.
  await page.getByRole("button", { name: "Archive" }).click();
  await page.getByRole("button", { name: "Keep" }).click();
  await expect(page.getByRole("button", { name: "Archive" })).toBeFocused();
  await page.goto(productUrl);
  await expect(page.getByRole("button", { name: "Archive" })).toBeVisible();
  await page.getByRole("button", { name: "Archive" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.goto(productUrl);
  await expect(page.getByRole("button", { name: "Archive" })).toHaveCount(0);
});

test("cancelling an order asks first", async ({ page }) => {
  await logInAsSandboxSeller(page);
  await createProduct(page, "Confirmable mug");
  await publishToDemoChannel(page);
  const { orderNumber } = await orderInSandbox(page, "Confirmable mug");

  // Unpaid checkouts are listed when asked for by status.
  await openOrder(page, orderNumber, "pending_payment");
  const orderUrl = page.url();
  const status = page.locator("main header p");
  await page.getByRole("button", { name: "Cancel order" }).click();
  await expect(page.getByRole("group", { name: "Really cancel this order?" })).toBeVisible();
  await page.goto(orderUrl);
  await expect(status).toHaveText("Awaiting payment");
  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(status).toHaveText("Cancelled");
});

test("revoking a token asks first, by keyboard too", async ({ page, request }) => {
  await logInAsSandboxSeller(page);
  await page.goto("/settings/developers");
  await page.getByLabel("Token name").fill("Confirm test");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByRole("status").locator("code").textContent()) ?? "";
  await page.reload();
  const row = page.getByRole("listitem").filter({ hasText: "Confirm test" });

  // Enter asks and moves focus to Keep; Escape takes the question back.
  await row.getByRole("button", { name: "Revoke" }).focus();
  await page.keyboard.press("Enter");
  await expect(row.getByRole("button", { name: "Keep" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(row.getByRole("button", { name: "Revoke" })).toBeFocused();
  const auth = { headers: { authorization: `Bearer ${token}` } };
  expect((await request.get("/api/products", auth)).status()).toBe(200);

  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Confirm test")).toHaveCount(0);
  expect((await request.get("/api/products", auth)).status()).toBe(401);
});

test("signing out every user asks first", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in as test admin" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/settings/team");
  await page.getByRole("button", { name: "Sign out every user" }).click();
  await expect(page.getByRole("group", { name: "Really sign out every user?" })).toBeVisible();
  await page.goto("/settings/team");
  await expect(page).toHaveURL(/\/settings\/team$/);
  await page.getByRole("button", { name: "Sign out every user" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/login/);
});
