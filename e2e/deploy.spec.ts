import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { Api } from "grammy";
import { connectDatabase, type DatabaseConnection } from "@/db/client";
import { migrateWithLock } from "@/db/migrate";
import { deployments } from "@/db/schema/deploy";
import { auditLog } from "@/db/schema/platform";
import { users } from "@/db/schema/users";
import { signLoginWidget } from "@/lib/auth/telegram-login";
import { createEcsSimulator } from "@/sandbox/ecs/simulator";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createStripeSimulator } from "@/sandbox/stripe/simulator";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { startPostgres, type PostgresServer } from "@/test/postgres-server";
import { specPort } from "./ports";
import { saveScreenshot } from "./screenshots";
import { startStandaloneApp } from "./standalone-app";

// The admin's Settings against the real SDKs and simulators of Telegram, Stripe and ECS, on
// PostgreSQL: version, health, deploys to completed and to rolled back, one at a time, and a
// seller who neither sees any of it nor gets anywhere by replaying the admin's server action.

const port = specPort(90);
const repository = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/promo-bot";
const admin = { id: 700_201, first_name: "Ada" };
const seller = { id: 700_202, first_name: "Sam" };
const STRIPE_KEY = "sk_test_deploy_e2e";
const STRIPE_WEBHOOK_SECRET = "whsec_deploy_e2e";
const ecs = createEcsSimulator({
  stepMs: 700,
  services: [{ cluster: "promo", service: "promo-web", image: `${repository}:v1.0.0` }],
});
let postgres: PostgresServer;
let db: DatabaseConnection;
let servers: ServedHandler[] = [];
let app: Awaited<ReturnType<typeof startStandaloneApp>>;

test.use({ locale: "en-US" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  postgres = await startPostgres();
  db = await connectDatabase({ url: postgres.url, dataDir: "/tmp" });
  await migrateWithLock(db);
  await db.db.insert(users).values([
    { telegramId: admin.id, name: "Ada Admin", role: "admin" },
    { telegramId: seller.id, name: "Sam Seller", role: "seller" },
  ]);
  const appUrl = `http://127.0.0.1:${port}`;
  const telegram = createTelegramSimulator();
  const stripe = createStripeSimulator({
    secretKey: STRIPE_KEY,
    webhookSecret: STRIPE_WEBHOOK_SECRET,
    webhookUrl: `${appUrl}/api/stripe/webhook`,
  });
  servers = await Promise.all([telegram, stripe, ecs].map((sim) => serveFetchHandler(sim.handle)));
  const [telegramServer, stripeServer, ecsServer] = servers as [
    ServedHandler,
    ServedHandler,
    ServedHandler,
  ];
  // What `npm run bot:webhook` does in production.
  await new Api(DEFAULT_BOT.token, { apiRoot: telegramServer.url }).setWebhook(
    `${appUrl}/api/telegram/webhook`,
    { secret_token: "deploy-test-webhook-secret" },
  );
  app = await startStandaloneApp(port, {
    DATABASE_URL: postgres.url,
    TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
    TELEGRAM_WEBHOOK_SECRET: "deploy-test-webhook-secret",
    TELEGRAM_API_ROOT: telegramServer.url,
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: stripeServer.url,
    ECS_CLUSTER: "promo",
    ECS_SERVICE: "promo-web",
    DEPLOY_IMAGE_REPOSITORY: repository,
    ECS_ENDPOINT: ecsServer.url,
    AWS_REGION: "eu-central-1",
    // Found by the SDK's default chain, as the task role's are in ECS.
    AWS_ACCESS_KEY_ID: "AKIDE2ETEST",
    AWS_SECRET_ACCESS_KEY: "e2e-test-secret",
  });
});

test.afterAll(async () => {
  await app?.stop();
  await db?.close();
  await Promise.all(servers.map((server) => server.close()));
  await postgres?.stop();
});

async function logIn(page: Page, who: { id: number; first_name: string }) {
  const fields = signLoginWidget(
    { ...who, auth_date: Math.floor(Date.now() / 1000) },
    DEFAULT_BOT.token,
  );
  const { csrfToken } = await (await page.request.get(`${app.url}/api/auth/csrf`)).json();
  await page.request.post(`${app.url}/api/auth/callback/telegram-widget`, {
    form: { ...fields, csrfToken, json: "true" },
  });
}

const deploySection = (page: Page) => page.getByRole("region", { name: "Deploy", exact: true });

async function askToDeploy(page: Page, tag: string) {
  await deploySection(page).getByLabel("Image tag").fill(tag);
  await deploySection(page).getByRole("button", { name: "Continue" }).click();
  await expect(deploySection(page).getByText("Deploy this image?")).toBeVisible();
}

test("an admin sees version and health, and deploys to completed and to rolled back", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await logIn(page, admin);
  await page.goto(`${app.url}/settings/system`);

  // The build recorded its commit in the bundle; the image sets no APP_GIT_SHA here.
  const built = JSON.parse(
    readFileSync(path.resolve(".next/standalone/build-info.json"), "utf8"),
  ) as { gitSha: string };
  await expect(page.getByTestId("version-commit")).toContainText(built.gitSha.slice(0, 12));
  await expect(page.getByTestId("version-built")).not.toHaveText("unknown");

  const health = page.getByRole("region", { name: "Health" });
  for (const [service, facts] of [
    ["bot", `Bot @${DEFAULT_BOT.username} · Webhook: ${app.url}/api/telegram/webhook`],
    ["stripe", `Webhook endpoint: ${app.url}/api/stripe/webhook (enabled)`],
    ["database", "pg, answered in"],
  ]) {
    const row = health.locator(`[data-health="${service}"]`);
    await expect(row, service).toContainText("OK");
    await expect(row, service).toContainText(facts!);
  }
  await saveScreenshot(page, "settings-admin-health");

  await askToDeploy(page, "v1.1.0");
  const confirm = deploySection(page).getByRole("definition");
  await expect(confirm).toHaveText([`${repository}:v1.0.0`, `${repository}:v1.1.0`]);
  await saveScreenshot(page, "deploy-confirm");
  await deploySection(page).getByRole("button", { name: "Deploy now" }).click();
  const status = page.getByTestId("deploy-status");
  await expect(status).toHaveText("In progress");
  await expect(status).toHaveText("Completed", { timeout: 30_000 });
  await expect(deploySection(page)).toContainText(
    "Rollout completed: 2 desired, 2 running, 0 pending",
  );
  await expect(deploySection(page).getByRole("list", { name: "Recent deploys" })).toContainText(
    "v1.0.0 → v1.1.0",
  );
  await saveScreenshot(page, "deploy-completed");

  // A second admin tab asks first; this one deploys first: the other is refused, and told why.
  const other = await context.newPage();
  await other.goto(`${app.url}/settings/system`);
  await askToDeploy(other, "v1.2.0-broken");
  await askToDeploy(page, "v1.2.0-broken");
  await deploySection(page).getByRole("button", { name: "Deploy now" }).click();
  await expect(status).toHaveText("In progress");
  await deploySection(other).getByRole("button", { name: "Deploy now" }).click();
  await expect(deploySection(other).getByRole("alert")).toHaveText(
    "A deploy is already running. Wait until it has finished, then try again.",
  );
  await other.close();

  await expect(deploySection(page)).toContainText("ECS is rolling back to the previous version", {
    timeout: 30_000,
  });
  await expect(status).toHaveText("Failed and rolled back", { timeout: 30_000 });
  await expect(deploySection(page)).toContainText(
    "ECS deployment circuit breaker: tasks failed to start.",
  );
  await expect(deploySection(page)).toContainText("failed container health checks");
  await saveScreenshot(page, "deploy-rolled-back");
  // The history tells the two outcomes apart by colour and mark, not only by their words.
  const history = deploySection(page).getByRole("list", { name: "Recent deploys" });
  const completed = history.locator('[data-status="completed"]');
  const rolledBack = history.locator('[data-status="rolled_back"]');
  await expect(completed).toHaveText("✓ Completed");
  await expect(rolledBack).toHaveText("✕ Failed and rolled back");
  expect(await completed.getAttribute("class")).not.toBe(await rolledBack.getAttribute("class"));

  expect(ecs.describe("promo", "promo-web").taskDefinition).toMatch(/promo-web:2$/);
  const rows = await db.db.select().from(deployments).orderBy(deployments.startedAt);
  expect(rows.map((row) => [row.toImage, row.status])).toEqual([
    [`${repository}:v1.1.0`, "completed"],
    [`${repository}:v1.2.0-broken`, "rolled_back"],
  ]);
  const audited = await db.db.select().from(auditLog).where(eq(auditLog.targetType, "deployment"));
  expect(audited.map((row) => row.action).sort()).toEqual([
    "deploy.finished",
    "deploy.finished",
    "deploy.requested",
    "deploy.requested",
  ]);
});

test("a seller sees no version, health or deploy, and replaying the admin's action is refused", async ({
  browser,
  page,
}) => {
  test.setTimeout(90_000);
  // The admin's real server action requests, recorded on their way out.
  await logIn(page, admin);
  await page.goto(`${app.url}/settings/system`);
  await askToDeploy(page, "v1.3.0");
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    deploySection(page).getByRole("button", { name: "Deploy now" }).click(),
  ]);
  await expect(page.getByTestId("deploy-status")).toHaveText("Completed", { timeout: 30_000 });
  const before = {
    rows: (await db.db.select().from(deployments)).length,
    updates: ecs.calls("UpdateService").length,
  };

  const sellerContext = await browser.newContext({ locale: "en-US" });
  const sellerPage = await sellerContext.newPage();
  await logIn(sellerPage, seller);
  await sellerPage.goto(`${app.url}/settings/developers`);
  await expect(sellerPage.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(sellerPage.getByRole("link", { name: "System" })).toHaveCount(0);
  await saveScreenshot(sellerPage, "settings-seller");
  expect((await sellerPage.goto(`${app.url}/settings/system`))?.status()).toBe(404);
  for (const name of ["Running version", "Health", "Deploy"]) {
    await expect(sellerPage.getByRole("heading", { name, exact: true })).toHaveCount(0);
  }
  const progress = await sellerPage.request.get(`${app.url}/settings/deploy-progress`);
  expect(progress.status()).toBe(404);

  const replay = await sellerPage.request.post(`${app.url}/settings`, {
    headers: {
      "next-action": request.headers()["next-action"]!,
      "content-type": request.headers()["content-type"]!,
      accept: "text/x-component",
      origin: app.url,
    },
    data: request.postData() ?? "",
  });
  expect(replay.status()).toBe(200);
  expect(await replay.text()).toContain('"error":"forbidden"');
  expect((await db.db.select().from(deployments)).length).toBe(before.rows);
  expect(ecs.calls("UpdateService")).toHaveLength(before.updates);
  await sellerContext.close();
});

test("in the sandbox, Deploy rolls out to the simulated ECS service inside the app", async ({
  page,
}) => {
  test.setTimeout(60_000);
  // The main e2e server: no Telegram, Stripe or ECS settings, so all three are simulated.
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in as test admin" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/settings/system");
  await expect(deploySection(page)).toContainText("promo-web in cluster promo-sandbox");
  await askToDeploy(page, "sandbox-try-1");
  await expect(deploySection(page).getByRole("definition").last()).toHaveText(
    "registry.sandbox.example/promo-bot:sandbox-try-1",
  );
  await deploySection(page).getByRole("button", { name: "Deploy now" }).click();
  await expect(page.getByTestId("deploy-status")).toHaveText("Completed", { timeout: 30_000 });
  await saveScreenshot(page, "sandbox-deploy-completed");
});
