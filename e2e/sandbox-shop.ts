import { expect, type Locator, type Page } from "@playwright/test";

// The steps a spec takes to get a product and an order into the sandbox shop, through the
// pages a seller and a buyer use. Written once: the pages change, the specs' reasons don't.

const chat = (page: Page) => page.getByRole("log");

/** Adds a product through the form as the signed-in seller and opens its page. */
export async function createProduct(page: Page, title: string) {
  await page.goto("/products/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Made in a test.");
  await page.getByLabel("Price").fill("7.00");
  await page.getByLabel("Stock").fill("5");
  await page.getByRole("button", { name: "Save product" }).click();
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(/\/products\/[0-9a-f-]{36}$/);
}

/** Posts the open product page's product to the demo channel. */
export async function publishToDemoChannel(page: Page) {
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Promo Sandbox Shop" })).toContainText(
    "Posted",
  );
}

/**
 * Buys a published product in the Telegram sandbox as the test admin, up to the Pay link; the
 * order stays unpaid. The test admin, not a buyer: the sandbox's buyers stay first-time buyers
 * for the journey specs.
 */
export async function orderInSandbox(
  page: Page,
  productTitle: string,
): Promise<{ pay: Locator; orderNumber: string }> {
  await page.goto("/sandbox");
  await page.getByLabel("You are").selectOption({ label: "Test Admin (admin)" });
  const channelPost = page
    .getByRole("list", { name: /^Channel: Promo Sandbox Shop/ })
    .getByRole("listitem")
    .filter({ hasText: productTitle })
    .last();
  await channelPost.getByRole("button", { name: "Buy" }).click();
  await chat(page).getByRole("button", { name: "Buy" }).last().click();
  const say = async (text: string) => {
    await page.getByLabel("Message").fill(text);
    await page.getByRole("button", { name: "Send" }).click();
  };
  const last = chat(page).getByRole("listitem").last();
  await expect(last).toContainText(/How many|full name|same details as last time/);
  if ((await last.textContent())?.includes("How many")) {
    await say("1");
    await expect(last).toContainText(/full name|same details as last time/);
  }
  if ((await last.textContent())?.includes("same details")) {
    await chat(page).getByRole("button", { name: "Yes, use these" }).last().click();
  } else {
    for (const [answer, next] of [
      ["Test Admin", "Street"],
      ["Baker Street 221b", "Postcode"],
      ["NW1 6XE", "City"],
      ["London", "Which country"],
      ["GB", "e-mail"],
      ["admin@example.com", "Confirm"],
    ] as const) {
      await say(answer);
      await expect(last).toContainText(next);
    }
  }
  await chat(page).getByRole("button", { name: "Confirm and pay" }).last().click();
  const pay = last.getByRole("link", { name: /^Pay / });
  await expect(pay).toBeVisible();
  const orderNumber = /Order #(\d+)/.exec((await last.textContent()) ?? "")?.[1];
  expect(orderNumber).toBeTruthy();
  return { pay, orderNumber: orderNumber! };
}

/**
 * Opens the Pay link's simulated Stripe checkout and pays with the test card. `beforePaying`
 * sees the checkout page as the buyer does; the page is returned on its "Thank you" page.
 */
export async function payInCheckout(
  page: Page,
  pay: Locator,
  beforePaying?: (checkout: Page) => Promise<void>,
): Promise<Page> {
  const [checkout] = await Promise.all([page.waitForEvent("popup"), pay.click()]);
  await expect(checkout.getByRole("heading", { level: 1 })).toBeVisible();
  await checkout.getByLabel(/card/i).fill("4242 4242 4242 4242");
  await beforePaying?.(checkout);
  await checkout.getByRole("button", { name: /^Pay/ }).click();
  await expect(checkout.getByRole("heading", { level: 1 })).toHaveText("Thank you for your order!");
  return checkout;
}

/** Opens an order's page from the orders list, by its number. */
export async function openOrder(page: Page, orderNumber: string, status = "") {
  await page.goto(`/orders${status ? `?status=${status}` : ""}`);
  await page
    .getByRole("link", { name: `#${orderNumber}`, exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
}

/** A new published product with one paid order, for pages that need something to show. */
export async function productWithPaidOrder(page: Page, title: string) {
  await createProduct(page, title);
  const productUrl = page.url();
  await publishToDemoChannel(page);
  const { pay, orderNumber } = await orderInSandbox(page, title);
  await (await payInCheckout(page, pay)).close();
  return { productUrl, orderNumber };
}
