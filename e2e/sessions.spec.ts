import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
} from "@playwright/test";
import { decode } from "next-auth/jwt";
import { signLoginWidget } from "@/lib/auth/telegram-login";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { specPort } from "./ports";
import { startStandaloneApp } from "./standalone-app";

// Sessions that end, proven from the outside against the bundle the container runs: a cookie
// captured before sign-out, before "sign out everywhere" or in the sandbox is worthless after.

test.describe.configure({ mode: "serial" });

const port = specPort(130);
const appUrl = `http://127.0.0.1:${port}`;

async function csrf(api: APIRequestContext, base: string): Promise<string> {
  return (await (await api.get(`${base}/api/auth/csrf`)).json()).csrfToken;
}

/** Signs in as one of the sandbox's test accounts, as its login button does. */
async function sandboxLogin(api: APIRequestContext, as: "admin" | "seller") {
  const response = await api.post(`${appUrl}/api/auth/callback/sandbox`, {
    form: { as, csrfToken: await csrf(api, appUrl), json: "true" },
  });
  expect((await response.json()).url).not.toContain("error");
}

/** Where a signed-in page ends up for this cookie jar: the page itself, or the login page. */
async function landsOn(api: APIRequestContext, pathname: string): Promise<string> {
  return new URL((await api.get(`${appUrl}${pathname}`)).url()).pathname;
}

const now = () => Math.floor(Date.now() / 1000);

/** Posts a Login Widget payload as the login page does, from `from` (X-Forwarded-For) if set. */
async function widgetLoginAt(
  base: string,
  fields: Record<string, string | number>,
  from?: string,
): Promise<{ url: string; api: APIRequestContext }> {
  const api = await playwrightRequest.newContext({
    extraHTTPHeaders: from ? { "x-forwarded-for": from } : {},
  });
  const response = await api.post(`${base}/api/auth/callback/telegram-widget`, {
    form: { ...fields, csrfToken: await csrf(api, base), json: "true" },
  });
  return { url: (await response.json()).url as string, api };
}

test.describe("sessions end when they should", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "promo-sessions-"));
  let app: Awaited<ReturnType<typeof startStandaloneApp>> | undefined;

  test.afterAll(async () => {
    await app?.stop();
  });

  test("a cookie captured before sign-out no longer opens the dashboard", async ({ browser }) => {
    test.setTimeout(120_000);
    app = await startStandaloneApp(port, { DATA_DIR: dataDir });
    const context = await browser.newContext({ baseURL: appUrl });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: /test seller/i }).click();
    await expect(page).toHaveURL(`${appUrl}/`);
    const captured = await context.storageState();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/login/);

    const thief = await playwrightRequest.newContext({ storageState: captured });
    expect(await landsOn(thief, "/orders")).toBe("/login");
    await thief.dispose();
    await context.close();
  });

  test("'Sign out everywhere' ends the user's other sessions too", async ({ browser }) => {
    const laptop = await browser.newContext({ baseURL: appUrl });
    const phone = await playwrightRequest.newContext();
    await sandboxLogin(phone, "seller");
    expect(await landsOn(phone, "/orders")).toBe("/orders");

    const page = await laptop.newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: /test seller/i }).click();
    await expect(page).toHaveURL(`${appUrl}/`);
    await page.goto("/settings/team");
    await expect(page.getByTestId("open-sessions").getByRole("listitem")).toHaveCount(2);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login/);
    expect(await landsOn(phone, "/orders")).toBe("/login");
    await phone.dispose();
    await laptop.close();
  });

  test("going live ends the sandbox's sessions: a Test Admin cookie keeps no rights", async () => {
    test.setTimeout(120_000);
    const sandboxAdmin = await playwrightRequest.newContext();
    await sandboxLogin(sandboxAdmin, "admin");
    expect(await (await sandboxAdmin.get(`${appUrl}/settings/team`)).text()).toContain(
      "Invite a seller",
    );
    const captured = await sandboxAdmin.storageState();
    await sandboxAdmin.dispose();
    await app?.stop();

    // The same data folder, now with a real bot: the shop is live.
    const telegram: ServedHandler = await serveFetchHandler(createTelegramSimulator().handle);
    try {
      app = await startStandaloneApp(port, {
        DATA_DIR: dataDir,
        TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
        TELEGRAM_WEBHOOK_SECRET: "sessions-test-webhook-secret",
        TELEGRAM_API_ROOT: telegram.url,
      });
      const replayed = await playwrightRequest.newContext({ storageState: captured });
      expect(await landsOn(replayed, "/settings")).toBe("/login");
      expect(await landsOn(replayed, "/monitoring")).toBe("/login");
      // And the test accounts cannot sign in again.
      const again = await replayed.post(`${appUrl}/api/auth/callback/sandbox`, {
        form: { as: "admin", csrfToken: await csrf(replayed, appUrl), json: "true" },
      });
      expect(again.status()).toBeGreaterThanOrEqual(400);
      expect(await landsOn(replayed, "/settings")).toBe("/login");
      await replayed.dispose();
    } finally {
      await app?.stop();
      app = undefined;
      await telegram.close();
    }
  });
});

test.describe("Telegram Login Widget payloads and login attempts", () => {
  const widgetPort = specPort(140);
  const widgetUrl = `http://127.0.0.1:${widgetPort}`;
  const nextAuthSecret = "nextauth-secret-for-the-sessions-spec-0123456789";
  let telegram: ServedHandler;
  let app: Awaited<ReturnType<typeof startStandaloneApp>>;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    telegram = await serveFetchHandler(createTelegramSimulator().handle);
    app = await startStandaloneApp(widgetPort, {
      TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
      TELEGRAM_WEBHOOK_SECRET: "sessions-test-webhook-secret",
      TELEGRAM_API_ROOT: telegram.url,
      NEXTAUTH_SECRET: nextAuthSecret,
    });
  });

  test.afterAll(async () => {
    await app?.stop();
    await telegram?.close();
  });

  const widgetLogin = (fields: Record<string, string | number>, from?: string) =>
    widgetLoginAt(widgetUrl, fields, from);

  test("a payload signs in once; the same payload again is refused", async () => {
    const payload = signLoginWidget(
      { id: 610001, first_name: "Olga", auth_date: now() },
      DEFAULT_BOT.token,
    );
    const first = await widgetLogin(payload);
    expect(first.url).not.toContain("error");
    // The session cookie is signed with NEXTAUTH_SECRET (accepted as AUTH_SECRET's other name).
    const cookie = (await first.api.storageState()).cookies.find(
      (each) => each.name === "next-auth.session-token",
    );
    const token = await decode({ token: cookie?.value, secret: nextAuthSecret });
    expect(token?.sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const replay = await widgetLogin(payload);
    expect(replay.url).toContain("error=CredentialsSignin");
    await first.api.dispose();
    await replay.api.dispose();
  });

  test("a payload older than five minutes is refused", async () => {
    const stale = signLoginWidget(
      { id: 610001, first_name: "Olga", auth_date: now() - 6 * 60 },
      DEFAULT_BOT.token,
    );
    const login = await widgetLogin(stale);
    expect(login.url).toContain("error=CredentialsSignin");
    await login.api.dispose();
  });

  test("login attempts are throttled per Telegram account and per address", async () => {
    // A guessing run against one account, from ten addresses: the eleventh try is refused
    // before its signature is even checked, and so would a genuine payload be.
    for (let i = 0; i < 10; i++) {
      const guess = await widgetLogin(
        { id: 610099, first_name: "Target", auth_date: now(), hash: "0".repeat(63) + i },
        `192.0.2.${i + 1}`,
      );
      expect(guess.url).toContain("error=CredentialsSignin");
      await guess.api.dispose();
    }
    const genuine = signLoginWidget(
      { id: 610099, first_name: "Target", auth_date: now() },
      DEFAULT_BOT.token,
    );
    const refused = await widgetLogin(genuine, "192.0.2.200");
    expect(refused.url).toContain("error=too_many_attempts");
    await refused.api.dispose();

    // From one address, the 31st attempt within ten minutes, whichever accounts it names.
    const results: string[] = [];
    for (let i = 0; i < 31; i++) {
      const attempt = await widgetLogin(
        { id: 620000 + i, first_name: "Any", auth_date: now(), hash: "f".repeat(64) },
        "198.51.100.23",
      );
      results.push(attempt.url);
      await attempt.api.dispose();
    }
    expect(results.slice(0, 30).every((url) => url.includes("error=CredentialsSignin"))).toBe(true);
    expect(results[30]).toContain("error=too_many_attempts");
    const page = await (await fetch(`${widgetUrl}/login?error=too_many_attempts`)).text();
    expect(page).toContain("Too many sign-in attempts.");
  });
});

test.describe("the operator's admin list", () => {
  test("with ADMIN_TELEGRAM_IDS set only those ids are admins, and a change ends their sessions", async () => {
    test.setTimeout(150_000);
    const dataDir = mkdtempSync(path.join(tmpdir(), "promo-admins-"));
    const telegram: ServedHandler = await serveFetchHandler(createTelegramSimulator().handle);
    const live = (admins: string) => ({
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
      TELEGRAM_WEBHOOK_SECRET: "sessions-test-webhook-secret",
      TELEGRAM_API_ROOT: telegram.url,
      ADMIN_TELEGRAM_IDS: admins,
    });
    const sign = (id: number, name: string) =>
      signLoginWidget({ id, first_name: name, auth_date: now() }, DEFAULT_BOT.token);
    let app = await startStandaloneApp(port, live("610500"));
    try {
      // The first to arrive is a stranger: no admin rights for being first, no way in at all.
      const stranger = await widgetLoginAt(appUrl, sign(610501, "Eve"));
      expect(stranger.url).toContain("error=invite_required");
      const operator = await widgetLoginAt(appUrl, sign(610500, "Ops"));
      expect(operator.url).not.toContain("error");
      expect(await (await operator.api.get(`${appUrl}/settings/team`)).text()).toContain(
        "Invite a seller",
      );
      // Without AUTH_SECRET the start says where the session secret is kept.
      expect(app.output().join("\n")).toContain("AUTH_SECRET is not set");
      const captured = await operator.api.storageState();
      await app.stop();

      // The operator names someone else: the old admin's session ends on its next request…
      app = await startStandaloneApp(port, live("610502"));
      const stale = await playwrightRequest.newContext({ storageState: captured });
      expect(await landsOn(stale, "/settings")).toBe("/login");
      // …and signing in again brings a seller's rights only.
      const again = await widgetLoginAt(appUrl, sign(610500, "Ops"));
      expect(again.url).not.toContain("error");
      const tokens = await (await again.api.get(`${appUrl}/settings/developers`)).text();
      expect(tokens).toContain("API tokens");
      const team = await (await again.api.get(`${appUrl}/settings/team`)).text();
      expect(team).toContain("Where you are signed in");
      expect(team).not.toContain("Invite a seller");
      await Promise.all([stale.dispose(), again.api.dispose(), operator.api.dispose()]);
    } finally {
      await app.stop();
      await telegram.close();
    }
  });
});
