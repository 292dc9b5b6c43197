import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot } from "./screenshots";
import { startStandaloneApp } from "./standalone-app";
import { specPort } from "./ports";

// The admins' Monitoring page on its own sandbox app (a fresh database, so the counts are this
// spec's): forged webhooks show up as rejected answers and recent failures; sellers neither
// see the page in the navigation nor reach it.

let app: Awaited<ReturnType<typeof startStandaloneApp>>;

test.use({ locale: "en-US" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startStandaloneApp(specPort(80), {});
});
test.afterAll(async () => {
  await app?.stop();
});

async function logInAs(page: Page, who: "admin" | "seller") {
  await page.goto(`${app.url}/login`);
  await page.getByRole("button", { name: `Log in as test ${who}` }).click();
  await expect(page).toHaveURL(`${app.url}/`);
}

test("an admin sees forged webhooks counted and listed as recent failures", async ({
  page,
  request,
}) => {
  // Someone posts a "payment" without Stripe's signature, and an update without Telegram's.
  const forged = await request.post(`${app.url}/api/stripe/webhook`, {
    headers: { "stripe-signature": "t=1700000000,v1=forged" },
    data: { id: "evt_forged", type: "checkout.session.completed" },
  });
  expect(forged.status()).toBe(400);
  const unsigned = await request.post(`${app.url}/api/telegram/webhook`, {
    data: { update_id: 1, message: { text: "/start" } },
  });
  expect(unsigned.status()).toBe(401);

  await logInAs(page, "admin");
  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: "Monitoring" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Monitoring" })).toBeVisible();
  await expect(page.getByText("No open incidents: every check passes.")).toBeVisible();

  const counters = page.getByRole("table", { name: "Last hour and day" });
  await expect(counters.getByRole("row", { name: /Stripe webhooks: rejected/ })).toHaveText(
    /rejected \(4xx\)\s*1\s*1/,
  );
  await expect(counters.getByRole("row", { name: /Telegram updates: rejected/ })).toHaveText(
    /rejected \(4xx\)\s*1\s*1/,
  );
  await expect(counters.getByRole("row", { name: /Stripe webhooks: failed/ })).toHaveText(
    /failed \(5xx\)\s*0\s*0/,
  );

  const failures = page.getByRole("table", { name: "Recent failures" });
  await expect(
    failures.getByRole("row", { name: /Stripe webhook rejected \(400\)/ }),
  ).toContainText("StripeSignatureVerificationError");
  await expect(
    failures.getByRole("row", { name: /Telegram webhook rejected \(401\)/ }),
  ).toContainText("wrong secret token");

  // Reconciliation asks (the sandbox's) Stripe on demand; nothing was paid, so nothing is missing.
  const reconcile = page.getByRole("region", { name: "Reconciliation with Stripe" });
  await expect(reconcile).toContainText("No repairs so far");
  await reconcile.getByRole("button", { name: "Check now" }).click();
  await expect(reconcile.getByRole("status")).toHaveText(
    "Checked 0 paid checkouts of the last 24 hours: nothing was missing.",
  );
  await saveScreenshot(page, "monitoring");
});

test("a seller has no Monitoring in the navigation and gets 404 there", async ({ page }) => {
  await logInAs(page, "seller");
  const navigation = page.getByRole("navigation", { name: "Main navigation" });
  await expect(navigation.getByRole("link", { name: "Orders" })).toBeVisible();
  await expect(navigation.getByRole("link", { name: "Monitoring" })).toHaveCount(0);
  const response = await page.goto(`${app.url}/monitoring`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.locator("main")).not.toContainText("Recent failures");
});
