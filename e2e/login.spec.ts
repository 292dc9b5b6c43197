import { expect, test } from "@playwright/test";
import { signLoginWidget } from "@/lib/auth/telegram-login";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { startOidcIssuer } from "@/test/oidc-issuer";
import { logInAsSandboxSeller } from "./login";
import { saveScreenshot } from "./screenshots";
import { startStandaloneApp } from "./standalone-app";
import { mainPort, specPort } from "./ports";

test.describe("sandbox (the embedded default)", () => {
  test("sends a signed-out visitor to the login page, and back out after sign-out", async ({
    page,
  }) => {
    await page.goto("/orders");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to Promo-Bot" })).toBeVisible();
    await expect(page.getByRole("note")).toContainText(
      "Sandbox — Telegram and Stripe are simulated",
    );
    await saveScreenshot(page, "login-sandbox");

    await logInAsSandboxSeller(page);
    await expect(page.getByText("Test Seller")).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/orders");
    await expect(page).toHaveURL(/\/login/);
  });
});

test("signs in as the test seller on a port other than 3000 when PUBLIC_URL is unset", async ({
  page,
}) => {
  // As `PORT=4300 npm run dev` does: next-auth once took its address from the default
  // PUBLIC_URL and sent the browser to localhost:3000.
  const app = await startStandaloneApp(mainPort + 108, {}, { publicUrl: false });
  try {
    await page.goto(`${app.url}/login`);
    await page.getByRole("button", { name: "Log in as test seller" }).click();
    await expect(page).toHaveURL(`${app.url}/`);
    await expect(page.getByText("Test Seller")).toBeVisible();
  } finally {
    await app.stop();
  }
});

test.describe("with a real bot configured", () => {
  const port = specPort(20);
  const appUrl = `http://127.0.0.1:${port}`;
  const clientSecret = "oidc-client-secret-for-tests";
  let issuer: Awaited<ReturnType<typeof startOidcIssuer>>;
  let telegramServer: ServedHandler;
  let app: Awaited<ReturnType<typeof startStandaloneApp>>;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    telegramServer = await serveFetchHandler(createTelegramSimulator().handle);
    issuer = await startOidcIssuer({
      clientId: DEFAULT_BOT.token.split(":")[0] ?? "",
      clientSecret,
      redirectUri: `${appUrl}/api/auth/callback/telegram`,
      claims: (sub) => ({ id: Number(sub), name: "Olga Owner", preferred_username: "olga" }),
    });
    app = await startStandaloneApp(port, {
      TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
      TELEGRAM_WEBHOOK_SECRET: "login-test-webhook-secret",
      TELEGRAM_API_ROOT: telegramServer.url,
      TELEGRAM_LOGIN_CLIENT_SECRET: clientSecret,
      TELEGRAM_OIDC_ISSUER: issuer.issuer,
    });
  });

  test.afterAll(async () => {
    await app?.stop();
    await issuer?.close();
    await telegramServer?.close();
  });

  test("logs in through Telegram's OpenID Connect flow (a real OIDC issuer in Telegram's role)", async ({
    page,
  }) => {
    await page.goto(`${appUrl}/login`);
    // Real tokens are set: neither the sandbox's banner nor its test accounts.
    await expect(page.getByRole("button", { name: /test seller/i })).toHaveCount(0);
    await expect(page.getByText("Sandbox — Telegram and Stripe are simulated")).toHaveCount(0);
    await page.getByRole("button", { name: "Log in with Telegram" }).click();

    // The issuer's own login and consent pages (Telegram's confirmation box in real life).
    await page.locator('input[name="login"]').fill("555000111");
    await page.locator('input[name="password"]').fill("any");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();

    await expect(page).toHaveURL(`${appUrl}/`);
    await expect(page.getByText("Olga Owner")).toBeVisible();
    await saveScreenshot(page, "login-oidc-overview");
  });

  test("accepts a Login Widget payload signed with the bot token and refuses a forged one", async ({
    request,
  }) => {
    const signIn = async (fields: Record<string, string | number>) => {
      const { csrfToken } = await (await request.get(`${appUrl}/api/auth/csrf`)).json();
      const response = await request.post(`${appUrl}/api/auth/callback/telegram-widget`, {
        form: { ...fields, csrfToken, json: "true" },
      });
      return (await response.json()) as { url: string };
    };
    const widget = {
      id: 555000111,
      first_name: "Olga",
      username: "olga",
      auth_date: Math.floor(Date.now() / 1000),
    };
    const forged = await signIn({ ...signLoginWidget(widget, "999:someone-elses-bot-token") });
    expect(forged.url).toContain("error=CredentialsSignin");

    const genuine = await signIn(signLoginWidget(widget, DEFAULT_BOT.token));
    expect(genuine.url).not.toContain("error");
    const overview = await request.get(`${appUrl}/`);
    expect(overview.url()).toBe(`${appUrl}/`);
    // Signed in, with the name from the widget (a login keeps the profile current).
    expect(await overview.text()).toContain(">Olga<");
  });

  test("refuses a stranger without an invite, saying how to get in", async ({ request }) => {
    // Someone owns this installation already (the first login becomes its admin).
    const owner = signLoginWidget(
      { id: 555000111, first_name: "Olga", auth_date: Math.floor(Date.now() / 1000) },
      DEFAULT_BOT.token,
    );
    const ownerCsrf = (await (await request.get(`${appUrl}/api/auth/csrf`)).json()).csrfToken;
    await request.post(`${appUrl}/api/auth/callback/telegram-widget`, {
      form: { ...owner, csrfToken: ownerCsrf, json: "true" },
    });
    await request.post(`${appUrl}/api/auth/signout`, {
      form: { csrfToken: ownerCsrf, json: "true" },
    });

    const { csrfToken } = await (await request.get(`${appUrl}/api/auth/csrf`)).json();
    const stranger = signLoginWidget(
      { id: 555000999, first_name: "Stan", auth_date: Math.floor(Date.now() / 1000) },
      DEFAULT_BOT.token,
    );
    const response = await request.post(`${appUrl}/api/auth/callback/telegram-widget`, {
      form: { ...stranger, csrfToken, json: "true" },
    });
    expect((await response.json()).url).toContain("error=invite_required");
    const page = await request.get(`${appUrl}/login?error=invite_required`);
    expect(await page.text()).toContain("Promo-Bot shops are invite-only.");
  });
});
