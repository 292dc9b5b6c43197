import { expect, test, type Page } from "@playwright/test";
import { pdfTextOf } from "@/test/pdf-text";
import { logInAsSandboxSeller } from "./login";
import { saveScreenshot } from "./screenshots";

// The README's first command serves this: no tokens, so Telegram and Stripe are the in-app
// simulators. Everything below happens through the sandbox's own pages, as a newcomer would.
test.use({ locale: "en-US" });
test.describe.configure({ mode: "serial" });

const BUYER = "Ben Carter (buyer)";
const chat = (page: Page) => page.getByRole("log");
const channel = (page: Page) => page.getByRole("list", { name: /^Channel: Promo Sandbox Shop/ });

async function openSandboxAs(page: Page, person: string) {
  await page.goto("/sandbox");
  await page.getByLabel("You are").selectOption({ label: person });
  await expect(page.getByLabel("You are")).toHaveValue(/\d+/);
}

/** Answers the bot's questions as Ben, up to the Pay button. */
async function orderAsBen(page: Page, productTitle: string, { returning = true } = {}) {
  const post = channel(page).getByRole("listitem").filter({ hasText: productTitle }).last();
  await post.getByRole("button", { name: "Buy" }).click();
  await expect(chat(page)).toContainText(productTitle);
  await chat(page).getByRole("button", { name: "Buy" }).last().click();
  const say = async (text: string, next: string | RegExp) => {
    await page.getByLabel("Message").fill(text);
    await page.getByRole("button", { name: "Send" }).click();
    await expect(chat(page).getByRole("listitem").last()).toContainText(next);
  };
  const last = chat(page).getByRole("listitem").last();
  await expect(last).toContainText(/How many|full name|same details as last time/);
  // Asked only while more than one is left.
  if ((await last.textContent())?.includes("How many")) {
    await say("1", /full name|same details as last time/);
  }
  if (returning) {
    // A returning buyer is offered the details of the last order.
    await chat(page).getByRole("button", { name: "Yes, use these" }).last().click();
  } else {
    await say("Ben Carter", "Street");
    await say("Baker Street 221b", "Postcode");
    await say("NW1 6XE", "City");
    await say("London", "Which country");
    await say("GB", "e-mail");
    await say("ben@example.com", "Confirm");
  }
  await expect(chat(page).getByRole("listitem").last()).toContainText("Baker Street 221b");
  await chat(page).getByRole("button", { name: "Confirm and pay" }).last().click();
  // The newest message's button: older ones in the chat belong to earlier orders.
  const pay = chat(page).getByRole("listitem").last().getByRole("link", { name: /^Pay / });
  await expect(pay).toBeVisible();
  return pay;
}

test("the whole journey in the sandbox: publish, buy, pay, ship, /status", async ({ page }) => {
  test.setTimeout(120_000);
  // The seller adds a product and publishes it to the demo channel.
  await logInAsSandboxSeller(page);
  await saveScreenshot(page, "sandbox-01-overview");
  await page.goto("/products");
  // Demo data from the first start: two products already.
  await expect(page.getByRole("link", { name: "Hand-made stoneware mug" })).toBeVisible();
  await page.goto("/products/new");
  await page.getByLabel("Title").fill("Sandbox tea tin");
  await page.getByLabel("Description").fill("Black tea, 100 g.");
  await page.getByLabel("Price").fill("9.50");
  await page.getByLabel("Stock").fill("3");
  await page.getByRole("button", { name: "Save product" }).click();
  await page.getByRole("link", { name: "Sandbox tea tin" }).click();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Promo Sandbox Shop" })).toContainText(
    "Promo Sandbox Shop: Posted",
  );
  await saveScreenshot(page, "sandbox-02-published");

  // A buyer taps Buy under the post in the channel and answers the bot.
  await openSandboxAs(page, BUYER);
  await expect(channel(page)).toContainText("Sandbox tea tin");
  await saveScreenshot(page, "sandbox-03-channel");
  const pay = await orderAsBen(page, "Sandbox tea tin", { returning: false });
  await expect(pay).toHaveText(/Pay €9\.50/);
  await saveScreenshot(page, "sandbox-04-dialog");

  // The Pay button opens the simulated Stripe checkout in the browser.
  const [checkout] = await Promise.all([page.waitForEvent("popup"), pay.click()]);
  await expect(checkout.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(checkout.locator("body")).toContainText("Sandbox tea tin");
  await checkout.getByLabel(/card/i).fill("4242 4242 4242 4242");
  await saveScreenshot(checkout, "sandbox-05-checkout");
  await checkout.getByRole("button", { name: /^Pay/ }).click();
  await expect(checkout.getByRole("heading", { level: 1 })).toHaveText("Thank you for your order!");
  await saveScreenshot(checkout, "sandbox-06-paid");
  await checkout.close();

  // Ben gets the confirmation in Telegram, and the used Pay button is gone.
  await expect(chat(page)).toContainText("Payment received");
  await expect(chat(page).getByRole("link", { name: /^Pay €9\.50/ })).toHaveCount(0);
  const orderNumber = /Order #(\d+):/.exec((await chat(page).textContent()) ?? "")?.[1];
  expect(orderNumber).toBeTruthy();

  // And the invoice, as a link in the chat.
  const invoiceLink = chat(page).getByRole("link", { name: "download the PDF" }).last();
  await expect(invoiceLink).toBeVisible();
  const invoice = await page.request.get((await invoiceLink.getAttribute("href"))!);
  expect(invoice.headers()["content-type"]).toBe("application/pdf");
  expect(await pdfTextOf(await invoice.body())).toContain("Baker Street 221b");

  // The seller's Telegram has the notice; the dashboard has the paid order.
  await page.getByLabel("You are").selectOption({ label: "Test Seller (seller)" });
  await expect(chat(page)).toContainText(`#${orderNumber}`);
  await expect(chat(page)).toContainText("Ben Carter");
  await saveScreenshot(page, "sandbox-07-seller-notice");
  await page.goto("/orders");
  const row = page.getByRole("row").filter({ hasText: new RegExp(`#${orderNumber}(?!\\d)`) });
  await expect(row).toContainText("Paid");
  await row.getByRole("link").first().click();
  // The seller can download the same invoice from the order page.
  const sellerCopy = await page.request.get(
    (await page.getByRole("link", { name: /^Invoice \d{4}-\d{4} \(PDF\)$/ }).getAttribute("href"))!,
  );
  expect(sellerCopy.status()).toBe(200);
  expect(await pdfTextOf(await sellerCopy.body())).toContain("Sandbox tea tin");
  await page.getByLabel(/Tracking number/).fill("GB123456789");
  await page.getByRole("button", { name: "Mark shipped" }).click();
  await expect(page.getByText("Shipped").first()).toBeVisible();
  await saveScreenshot(page, "sandbox-08-shipped");

  // Ben sees the update, and /status lists the order as shipped.
  await openSandboxAs(page, BUYER);
  await expect(chat(page)).toContainText("GB123456789");
  await page.getByLabel("Message").fill("/status");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(chat(page).getByRole("listitem").last()).toContainText(`#${orderNumber}`);
  await expect(chat(page).getByRole("listitem").last()).toContainText("Shipped");
  await saveScreenshot(page, "sandbox-09-status");
});

test("a refund asks for the amount and refunds exactly that, then the rest", async ({ page }) => {
  test.setTimeout(120_000);
  await logInAsSandboxSeller(page);
  await page.goto("/products/new");
  await page.getByLabel("Title").fill("Sandbox wool scarf");
  await page.getByLabel("Description").fill("Merino, 180 cm.");
  await page.getByLabel("Price").fill("48.00");
  await page.getByLabel("Stock").fill("2");
  await page.getByRole("button", { name: "Save product" }).click();
  await page.getByRole("link", { name: "Sandbox wool scarf" }).click();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Promo Sandbox Shop" })).toContainText(
    "Posted",
  );

  await openSandboxAs(page, BUYER);
  const pay = await orderAsBen(page, "Sandbox wool scarf");
  const [checkout] = await Promise.all([page.waitForEvent("popup"), pay.click()]);
  await checkout.getByLabel(/card/i).fill("4242 4242 4242 4242");
  await checkout.getByRole("button", { name: /^Pay/ }).click();
  await expect(checkout.getByRole("heading", { level: 1 })).toHaveText("Thank you for your order!");
  await checkout.close();
  await expect(chat(page).getByRole("listitem").last()).toContainText("Payment received");
  const orderNumber = /Order #(\d+):/.exec(
    (await chat(page).getByRole("listitem").last().textContent()) ?? "",
  )?.[1];
  expect(orderNumber).toBeTruthy();

  await page.goto("/orders");
  await page
    .getByRole("row")
    .filter({ hasText: new RegExp(`#${orderNumber}(?!\\d)`) })
    .getByRole("link")
    .first()
    .click();
  const dialog = page.getByRole("dialog", { name: "Refund this order" });
  await page.getByRole("button", { name: "Refund…" }).click();
  // Prefilled with everything still refundable; more than that is refused at the field.
  await expect(dialog.getByLabel("Amount to refund")).toHaveValue("48.00");
  await dialog.getByLabel("Amount to refund").fill("60");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(dialog.getByLabel("Amount to refund")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toContainText("At most €48.00 can still be refunded.");
  await dialog.getByLabel("Amount to refund").fill("12,00");
  await dialog.getByLabel("Reason (sent to Stripe)").selectOption("requested_by_customer");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(dialog).toContainText("Refund €12.00 of €48.00 to the buyer's card.");
  await saveScreenshot(page, "sandbox-13-refund-confirm");
  await dialog.getByRole("button", { name: "Refund €12.00" }).click();
  await expect(dialog).toBeHidden();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("refunded-so-far")).toHaveText(
      "Refunded so far: €12.00 of €48.00",
      { timeout: 1_000 },
    );
  }).toPass();
  await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText(
    "partly refunded",
  );

  // The second refund is offered the rest, and takes it.
  await page.getByRole("button", { name: "Refund…" }).click();
  await expect(dialog.getByLabel("Amount to refund")).toHaveValue("36.00");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(dialog).toContainText("Refund €36.00 of €48.00 to the buyer's card.");
  await dialog.getByRole("button", { name: "Refund €36.00" }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("refunded-so-far")).toHaveText(
      "Refunded so far: €48.00 of €48.00",
      { timeout: 1_000 },
    );
  }).toPass();
  await expect(page.getByRole("button", { name: "Refund…" })).toHaveCount(0);
  await expect(page.getByText("Refunded").first()).toBeVisible();

  // Each refund corrected the invoice with a credit note of its own, listed beside it.
  const creditNoteLinks = page.getByRole("link", { name: /^Credit note RK-\d{4}-\d{4} \(PDF\)$/ });
  await expect(async () => {
    await page.reload();
    await expect(creditNoteLinks).toHaveCount(2, { timeout: 1_000 });
  }).toPass();
  const invoiceLabel = /^Invoice (\S+) \(PDF\)$/.exec(
    (await page.getByRole("link", { name: /^Invoice / }).textContent()) ?? "",
  )?.[1];
  expect(invoiceLabel).toBeTruthy();
  const creditNoteList = page.getByTestId("credit-notes");
  await expect(creditNoteList.getByRole("listitem").first()).toContainText(
    `-€12.00, corrects invoice ${invoiceLabel}`,
  );
  await expect(creditNoteList.getByRole("listitem").last()).toContainText("-€36.00");
  await saveScreenshot(page, "sandbox-14-credit-notes");
  const firstNote = await page.request.get((await creditNoteLinks.first().getAttribute("href"))!);
  expect(firstNote.status()).toBe(200);
  expect(firstNote.headers()["content-type"]).toBe("application/pdf");
  const firstNoteText = await pdfTextOf(await firstNote.body());
  expect(firstNoteText).toContain("Credit note");
  expect(firstNoteText).toContain(`Corrects invoice ${invoiceLabel} of`);
  expect(firstNoteText).toContain("Partial refund: Sandbox wool scarf");
  expect(firstNoteText).toContain("Total refunded -€12.00");

  // Ben was told of both, with the amounts.
  await openSandboxAs(page, BUYER);
  await expect(chat(page)).toContainText(
    `Part of order #${orderNumber} was refunded: €12.00 of €48.00`,
  );
  await expect(chat(page)).toContainText(`Order #${orderNumber} was refunded: €48.00`);
  // And got both credit notes as links: the last one opens the PDF for the €36.00.
  const notices = chat(page)
    .getByRole("listitem")
    .filter({ hasText: `Your credit note` })
    .filter({ hasText: `for order #${orderNumber}` });
  await expect(notices).toHaveCount(2);
  await expect(notices.last()).toContainText(`(€36.00 refunded, corrects invoice ${invoiceLabel})`);
  const buyerCopy = await page.request.get(
    (await notices.last().getByRole("link", { name: "download the PDF" }).getAttribute("href"))!,
  );
  expect(buyerCopy.headers()["content-type"]).toBe("application/pdf");
  expect(await pdfTextOf(await buyerCopy.body())).toContain("Total refunded -€36.00");
});

test("a declined card is refused on the checkout page, and the order stays unpaid", async ({
  page,
}) => {
  await openSandboxAs(page, BUYER);
  const pay = await orderAsBen(page, "Sandbox tea tin");
  const [checkout] = await Promise.all([page.waitForEvent("popup"), pay.click()]);
  await checkout.getByLabel(/card/i).fill("4000 0000 0000 0002");
  await checkout.getByRole("button", { name: /^Pay/ }).click();
  await expect(checkout.getByRole("alert")).toHaveText("Your card was declined.");
  await saveScreenshot(checkout, "sandbox-10-declined");
  await checkout.close();
  await page.getByLabel("Message").fill("/status");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(chat(page).getByRole("listitem").last()).toContainText("Awaiting payment");
});

test("a checkout left to expire tells the buyer and offers a new link", async ({ page }) => {
  await openSandboxAs(page, BUYER);
  const pay = await orderAsBen(page, "Sandbox tea tin");
  const [checkout] = await Promise.all([page.waitForEvent("popup"), pay.click()]);
  await checkout.getByRole("button", { name: /let it expire/i }).click();
  await expect(checkout.locator("body")).toContainText(/expired/i);
  await checkout.close();
  await expect(chat(page).getByRole("listitem").last()).toContainText(/expired/i);
  await expect(
    chat(page).getByRole("listitem").last().getByRole("button", { name: "New payment link" }),
  ).toBeVisible();
  await saveScreenshot(page, "sandbox-11-expired");
});

test("switching a buyer's Telegram language switches the bot's", async ({ page }) => {
  await openSandboxAs(page, "Anna Schmidt (buyer)");
  await page.getByLabel("Message").fill("/status");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(chat(page).getByRole("listitem").last()).toContainText("Du hast noch keine");
  await page.getByLabel("Telegram language").selectOption("en");
  await page.getByLabel("Message").fill("/status");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(chat(page).getByRole("listitem").last()).toContainText("You have no orders yet");
});

test("the sandbox fits a phone, channel first", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openSandboxAs(page, BUYER);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  const channelBox = await channel(page).boundingBox();
  const chatBox = await chat(page).boundingBox();
  expect(channelBox!.y).toBeLessThan(chatBox!.y);
  await saveScreenshot(page, "sandbox-12-phone");
});

test("a German buyer's checkout is in German, its expiry in the browser's time zone", async ({
  browser,
}) => {
  // The dashboard's language, but a Berlin clock: the page's language comes from the session.
  const context = await browser.newContext({ locale: "en-US", timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  try {
    await openSandboxAs(page, "Anna Schmidt (buyer)");
    // Her Telegram speaks German (an earlier test switched it).
    await page.getByLabel("Telegram language").selectOption("de");
    await expect(page.getByLabel("Telegram language")).toHaveValue("de");
    const post = channel(page).getByRole("listitem").filter({ hasText: "Sandbox tea tin" }).last();
    await post.getByRole("button", { name: "Buy" }).click();
    await expect(chat(page)).toContainText("Sandbox tea tin");
    await chat(page).getByRole("button", { name: "Kaufen" }).last().click();
    const last = chat(page).getByRole("listitem").last();
    await expect(last).toContainText(/Wie viele|vollständiger Name/);
    // The quantity, while more than one is left, is a row of buttons.
    if ((await last.textContent())?.includes("Wie viele")) {
      await last.getByRole("button", { name: "1", exact: true }).click();
      await expect(last).toContainText("vollständiger Name");
    }
    const say = async (text: string, next: string) => {
      await page.getByLabel("Message").fill(text);
      await page.getByRole("button", { name: "Send" }).click();
      await expect(last).toContainText(next);
    };
    await say("Anna Schmidt", "Straße und Hausnummer");
    await say("Torstraße 9", "Postleitzahl");
    await say("10119", "Ort");
    await say("Berlin", "Welches Land");
    // Typed where the country buttons wait: its name is understood.
    await say("Deutschland", "E-Mail");
    await say("anna@example.com", "Bitte prüfe deine Bestellung");
    await chat(page).getByRole("button", { name: "Bestätigen und bezahlen" }).last().click();
    const pay = last.getByRole("link", { name: /^9,50\s€ bezahlen/ });
    const [checkout] = await Promise.all([page.waitForEvent("popup"), pay.click()]);
    await expect(checkout.locator("html")).toHaveAttribute("lang", "de");
    await expect(checkout.getByRole("heading", { level: 1 })).toHaveText(/^9,50\s€ bezahlen$/);
    await expect(checkout.getByLabel("Kartennummer")).toBeVisible();
    const expiry = checkout.locator("time[data-local]");
    const at = new Date((await expiry.getAttribute("datetime")) ?? "");
    const berlinTime = new Intl.DateTimeFormat("de", {
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "Europe/Berlin",
    }).format(at);
    await expect(expiry).toContainText(berlinTime);
    await expect(expiry).not.toContainText("UTC");
    await saveScreenshot(checkout, "sandbox-13-checkout-de");

    // On a phone its sandbox note is one short line.
    await checkout.setViewportSize({ width: 390, height: 844 });
    const note = checkout.getByRole("note");
    await expect(note).toHaveText("Sandbox – nichts ist echt");
    expect((await note.boundingBox())!.height).toBeLessThanOrEqual(32);
  } finally {
    await context.close();
  }
});

test("buyer pages carry a one-line sandbox strip, the seller's pages the full banner", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/checkout/success?order=1001", "/checkout/cancelled", "/sandbox"]) {
    await page.goto(path);
    const note = page.getByRole("note").filter({ hasText: "Sandbox" });
    await expect(note).toHaveText("Sandbox — nothing is real");
    expect((await note.boundingBox())!.height, path).toBeLessThanOrEqual(32);
  }
  await saveScreenshot(page, "sandbox-14-strip-phone");
  // The seller's pages keep the whole banner: how to go live.
  await page.goto("/login");
  await expect(page.getByRole("note")).toContainText("STRIPE_SECRET_KEY");
  await logInAsSandboxSeller(page);
  await expect(page.getByRole("note").filter({ hasText: "Sandbox" })).toContainText(
    "STRIPE_SECRET_KEY",
  );
});

test("a browser in Berlin opens the sandbox without a hydration error", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "Europe/Berlin", locale: "en-US" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await openSandboxAs(page, BUYER);
  // After the journey Ben's chat has messages already; alone, he starts it.
  const start = page.getByRole("button", { name: "Start" });
  if (await start.isVisible()) await start.click();
  await expect(chat(page).locator("time").last()).toBeVisible();
  // Drawn by the server this time: the bot's messages come with the page.
  await page.reload();
  // Telegram shows each message's time in the viewer's own zone.
  const bot = chat(page).getByRole("listitem").last();
  const sentAt = new Date((await bot.locator("time").getAttribute("datetime"))!);
  const berlinTime = sentAt.toLocaleTimeString("en-US", {
    timeZone: "Europe/Berlin",
    hour: "2-digit",
    minute: "2-digit",
  });
  await expect(bot.locator("time")).toHaveText(berlinTime);
  expect(errors.filter((text) => /#418|#425|hydrat/i.test(text))).toEqual([]);
  await context.close();
});
