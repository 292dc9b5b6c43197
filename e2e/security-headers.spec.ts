import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signLoginWidget } from "@/lib/auth/telegram-login";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { mainPort } from "./ports";
import { startStandaloneApp } from "./standalone-app";
import { standInForTelegramLoginWidget } from "./stand-ins/telegram-login-widget";

test.use({ locale: "en-US" });

// Pages, route handlers, static assets and errors alike: a header missing on one of them is the
// page an attacker frames.
const paths = ["/login", "/api/health", "/orders", "/robots.txt", "/no-such-page"];

test("every answer forbids framing and sniffing; HSTS only where the app is on https", async ({
  request,
}) => {
  for (const path of paths) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    // The e2e app's PUBLIC_URL is http: a browser told to insist on https could not reach it.
    expect(headers["strict-transport-security"], path).toBeUndefined();
    expect(headers["content-security-policy"], path).not.toContain("upgrade-insecure-requests");
  }
});

test("an installation on https asks browsers for https only", async ({ request }) => {
  const app = await startStandaloneApp(mainPort + 107, { PUBLIC_URL: "https://shop.example.com" });
  try {
    const headers = (await request.get(`${app.url}/login`)).headers();
    expect(headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(headers["content-security-policy"]).toContain("upgrade-insecure-requests");
  } finally {
    await app.stop();
  }
});

test("each page gets a fresh script nonce, and every script on it carries that nonce", async ({
  request,
}) => {
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const response = await request.get("/login");
    const policy = response.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(nonce).toBeTruthy();
    nonces.push(nonce!);
    // Read from the HTML as sent: browsers hide a nonce attribute from the page's scripts.
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("a script injected into a page's HTML without the nonce does not run", async ({
  context,
  page,
}) => {
  const violations = await watchViolations(context);
  // What a stored XSS would do: markup of the attacker's in the page as the server sent it.
  await page.route("**/login", async (route) => {
    const response = await route.fetch();
    const injected = (await response.text()).replace(
      "</body>",
      "<script>window.injected = true</script></body>",
    );
    await route.fulfill({ response, body: injected });
  });
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
  await expect.poll(() => violations.join("\n")).toContain("script-src-elem blocked inline");
});

/**
 * Every Content-Security-Policy violation in the context's pages (popups too): the browser's
 * own console reports, and the violation events the pages see.
 */
async function watchViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(
        `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`,
      ),
    ),
  );
  context.on("console", (message) => {
    if (/Content Security Policy|CSP violation/i.test(message.text())) {
      violations.push(`${message.page()?.url()}: ${message.text()}`);
    }
  });
  return violations;
}

/**
 * The app's pages the context loaded without a nonce in their policy, so not under it (the
 * simulated Stripe's checkout, like Stripe's own, brings a policy of its own instead).
 */
function watchPagesWithoutNonce(context: BrowserContext, appUrl: string): string[] {
  const unpoliced: string[] = [];
  context.on("response", (response) => {
    const isPage = response.request().resourceType() === "document" && response.status() < 300;
    if (!isPage || !response.url().startsWith(appUrl)) return;
    const policy = response.headers()["content-security-policy"] ?? "";
    const ownPolicy = new URL(response.url()).pathname.startsWith("/sandbox/stripe/");
    if (ownPolicy ? !policy : !/script-src [^;]*'nonce-/.test(policy)) {
      unpoliced.push(response.url());
    }
  });
  return unpoliced;
}

/** Opens a page and waits until it has drawn its heading (its scripts have run by then). */
async function visit(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
}

test.describe("pages under the policy", () => {
  let app: Awaited<ReturnType<typeof startStandaloneApp>>;
  test.beforeAll(async () => {
    app = await startStandaloneApp(mainPort + 105, {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "promo-csp-")),
    });
  });
  test.afterAll(() => app?.stop());

  test("login, every dashboard page, the sandbox and a checkout run without a CSP violation", async ({
    context,
    page,
  }) => {
    test.setTimeout(180_000);
    const violations = await watchViolations(context);
    const unpoliced = watchPagesWithoutNonce(context, app.url);
    const chat = page.getByRole("log");

    // The admin's pages.
    await visit(page, `${app.url}/login`);
    await page.getByRole("button", { name: "Log in as test admin" }).click();
    await expect(page).toHaveURL(`${app.url}/`);
    for (const section of ["/", "/orders", "/channels", "/monitoring", "/settings"]) {
      await visit(page, `${app.url}${section}`);
    }
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/login/);

    // The seller's, ending with a post in the sandbox's channel.
    await page.getByRole("button", { name: "Log in as test seller" }).click();
    await expect(page).toHaveURL(`${app.url}/`);
    await visit(page, `${app.url}/products/new`);
    await visit(page, `${app.url}/products`);
    await page.getByRole("link", { name: "Hand-made stoneware mug" }).click();
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Promo Sandbox Shop" })).toContainText(
      "Posted",
    );

    // A buyer in the simulated Telegram buys it and pays on the simulated Stripe checkout.
    await visit(page, `${app.url}/sandbox`);
    await page.getByLabel("You are").selectOption({ label: "Ben Carter (buyer)" });
    const post = page.getByRole("list", { name: /^Channel: Promo Sandbox Shop/ });
    await post.getByRole("button", { name: "Buy" }).last().click();
    await chat.getByRole("button", { name: "Buy" }).last().click();
    await expect(chat.getByRole("listitem").last()).toContainText("How many");
    for (const [answer, next] of [
      ["1", "full name"],
      ["Ben Carter", "Street"],
      ["Baker Street 221b", "Postcode"],
      ["NW1 6XE", "City"],
      ["London", "Which country"],
      ["GB", "e-mail"],
      ["ben@example.com", "Confirm"],
    ]) {
      await page.getByLabel("Message").fill(answer!);
      await page.getByRole("button", { name: "Send" }).click();
      await expect(chat.getByRole("listitem").last()).toContainText(next!);
    }
    await chat.getByRole("button", { name: "Confirm and pay" }).last().click();
    const pay = chat.getByRole("listitem").last().getByRole("link", { name: /^Pay / });
    const [checkout] = await Promise.all([page.waitForEvent("popup"), pay.click()]);
    await checkout.getByLabel(/card/i).fill("4242 4242 4242 4242");
    await checkout.getByRole("button", { name: /^Pay/ }).click();
    await expect(checkout.getByRole("heading", { level: 1 })).toHaveText(
      "Thank you for your order!",
    );
    await checkout.close();

    // The paid order on the seller's dashboard.
    await expect(chat).toContainText("Payment received");
    await visit(page, `${app.url}/orders`);
    await page.getByRole("row").filter({ hasText: "Paid" }).getByRole("link").first().click();
    await expect(page.getByRole("button", { name: "Mark shipped" })).toBeVisible();

    expect(unpoliced).toEqual([]);
    expect(violations).toEqual([]);
  });
});

test.describe("with Telegram's Login Widget", () => {
  let telegram: ServedHandler;
  let app: Awaited<ReturnType<typeof startStandaloneApp>>;
  test.beforeAll(async () => {
    telegram = await serveFetchHandler(createTelegramSimulator().handle);
    app = await startStandaloneApp(mainPort + 106, {
      TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
      TELEGRAM_WEBHOOK_SECRET: "csp-test-webhook-secret",
      TELEGRAM_API_ROOT: telegram.url,
    });
  });
  test.afterAll(async () => {
    await app?.stop();
    await telegram?.close();
  });

  test("the widget's script and button load and sign the user in, without a CSP violation", async ({
    context,
    page,
  }) => {
    const violations = await watchViolations(context);
    const unpoliced = watchPagesWithoutNonce(context, app.url);
    const user = { id: 555000222, first_name: "Wanda", auth_date: Math.floor(Date.now() / 1000) };
    await standInForTelegramLoginWidget(context, signLoginWidget(user, DEFAULT_BOT.token));

    await page.goto(`${app.url}/login`);
    await expect(page).toHaveURL(`${app.url}/`);
    await expect(page.getByText("Wanda")).toBeVisible();
    expect(unpoliced).toEqual([]);
    expect(violations).toEqual([]);
  });
});
