import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { connectDatabase, type DatabaseConnection } from "@/db/client";
import { migrateWithLock } from "@/db/migrate";
import { products, type Product } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import { orders, type Order } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { createApiToken } from "@/lib/auth/api-tokens";
import { issueInvoice } from "@/lib/invoices/issue-invoice";
import { localObjectStorage } from "@/lib/platform/object-storage";
import { signLoginWidget } from "@/lib/auth/telegram-login";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { orderRow } from "@/test/fixtures";
import { startPostgres, type PostgresServer } from "@/test/postgres-server";
import { startStandaloneApp } from "./standalone-app";
import { specPort } from "./ports";

// Every way into another seller's shop, tried as a signed-in seller: pages, route handlers,
// the JSON API and the server actions (replayed with the other shop's ids). Each must answer
// 404 or refuse, and show none of the other shop's data.

const port = specPort(50);
let postgres: PostgresServer;
let db: DatabaseConnection;
let telegramServer: ServedHandler;
let app: Awaited<ReturnType<typeof startStandaloneApp>>;
let alicesProduct: Product;
let alicesOrder: Order;
let bobsProduct: Product;
let bobsOrder: Order;
let bobsToken: string;
let alicesId: string;
let alicesChannel: typeof channels.$inferSelect | undefined;

test.use({ locale: "en-US" });

const orderValues = (sellerId: string, productId: string, key: string) =>
  orderRow(
    { sellerId, productId, checkoutKey: key },
    {
      buyerTelegramId: 123,
      contactName: `Buyer of ${key}`,
      email: `${key}@example.com`,
      addressStreet: "Secret Street 1",
      productTitle: `${key} product`,
      unitAmountMinor: 1000,
      totalAmountMinor: 1000,
    },
  );

test.beforeAll(async () => {
  test.setTimeout(120_000);
  postgres = await startPostgres();
  db = await connectDatabase({ url: postgres.url, dataDir: "/tmp" });
  await migrateWithLock(db);
  const [alice, bob] = await db.db
    .insert(users)
    .values([
      { telegramId: 700001, name: "Alice", role: "seller" },
      { telegramId: 700002, name: "Bob", role: "seller" },
    ])
    .returning();
  alicesId = alice!.id;
  [alicesProduct, bobsProduct] = (await db.db
    .insert(products)
    .values([
      {
        sellerId: alice!.id,
        title: "Alice's Secret Blend",
        priceMinor: 1000,
        deepLinkPayload: "alice",
      },
      { sellerId: bob!.id, title: "Bob's Mug", priceMinor: 900, deepLinkPayload: "bob" },
    ])
    .returning()) as [Product, Product];
  [alicesOrder, bobsOrder] = (await db.db
    .insert(orders)
    .values([
      orderValues(alice!.id, alicesProduct.id, "alice"),
      orderValues(bob!.id, bobsProduct.id, "bob"),
    ])
    .returning()) as [Order, Order];
  [alicesChannel] = await db.db
    .insert(channels)
    .values([
      { sellerId: alice!.id, telegramChatId: -100999, title: "Alice's Channel" },
      { sellerId: bob!.id, telegramChatId: -100998, title: "Bob's Channel" },
    ])
    .returning();
  bobsToken = (await createApiToken(db.db, bob!, "bob")).token;

  telegramServer = await serveFetchHandler(createTelegramSimulator().handle);
  // Both shops' invoices, in the app's own file store.
  const dataDir = mkdtempSync(path.join(tmpdir(), "promo-roles-"));
  const storage = localObjectStorage(path.join(dataDir, "uploads"));
  for (const order of [alicesOrder, bobsOrder]) {
    await db.db.transaction((tx) => issueInvoice(tx, storage, order.id));
  }
  app = await startStandaloneApp(port, {
    DATA_DIR: dataDir,
    DATABASE_URL: postgres.url,
    TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
    TELEGRAM_WEBHOOK_SECRET: "roles-test-webhook-secret",
    TELEGRAM_API_ROOT: telegramServer.url,
  });
});

test.afterAll(async () => {
  await app?.stop();
  await db?.close();
  await telegramServer?.close();
  await postgres?.stop();
});

async function logInAsBob(page: Page) {
  const fields = signLoginWidget(
    { id: 700002, first_name: "Bob", auth_date: Math.floor(Date.now() / 1000) },
    DEFAULT_BOT.token,
  );
  const { csrfToken } = await (await page.request.get(`${app.url}/api/auth/csrf`)).json();
  await page.request.post(`${app.url}/api/auth/callback/telegram-widget`, {
    form: { ...fields, csrfToken, json: "true" },
  });
}

test("pages and route handlers show another seller nothing", async ({ page }) => {
  await logInAsBob(page);
  for (const path of [`/products/${alicesProduct.id}`, `/orders/${alicesOrder.id}`]) {
    const response = await page.goto(`${app.url}${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(page.locator("body")).not.toContainText("Alice");
  }
  const photo = await page.request.get(`${app.url}/api/products/${alicesProduct.id}/photo`);
  expect(photo.status()).toBe(404);
  const invoice = await page.request.get(`${app.url}/orders/${alicesOrder.id}/invoice`);
  expect(invoice.status()).toBe(404);
  const own = await page.request.get(`${app.url}/orders/${bobsOrder.id}/invoice`);
  expect(own.headers()["content-type"]).toBe("application/pdf");

  for (const path of [
    "/",
    "/products",
    "/orders",
    "/channels",
    "/settings",
    "/settings/developers",
    "/settings/team",
    "/orders?status=paid&q=alice",
  ]) {
    await page.goto(`${app.url}${path}`);
    await expect(page.locator("main"), path).not.toContainText(/Alice|Secret Street|alice@/);
  }
  const csv = await (await page.request.get(`${app.url}/orders/export`)).text();
  expect(csv).toContain("bob@example.com");
  expect(csv).not.toContain("alice");
});

test("a seller sees no Shop column or filter, and naming another shop shows nothing more", async ({
  page,
}) => {
  await logInAsBob(page);
  await page.goto(`${app.url}/orders`);
  await expect(page.getByRole("table")).toContainText("Buyer of bob");
  await expect(page.getByText("Every paid order, from payment to delivery.")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Shop" })).toHaveCount(0);
  await expect(page.getByLabel("Shop")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();

  // Alice's id forged into the URL narrows Bob's own view to nothing; it never shows hers.
  await page.goto(`${app.url}/orders?shop=${alicesId}`);
  await expect(page.getByText(/^0 orders/)).toBeVisible();
  await expect(page.locator("main")).not.toContainText(/Alice|Secret Street|alice@/);
  const csv = await (await page.request.get(`${app.url}/orders/export?shop=${alicesId}`)).text();
  expect(csv.trim().split("\n")).toEqual([expect.stringMatching(/^number,created_at,status,/)]);
  const own = await (await page.request.get(`${app.url}/orders/export`)).text();
  expect(own.split("\n")[0]).not.toContain("shop");
});

test("the JSON API shows another seller nothing and changes nothing", async ({ request }) => {
  const headers = { authorization: `Bearer ${bobsToken}` };
  expect(
    (await request.get(`${app.url}/api/products/${alicesProduct.id}`, { headers })).status(),
  ).toBe(404);
  const patch = await request.patch(`${app.url}/api/products/${alicesProduct.id}`, {
    headers,
    data: { price: "0.99" },
  });
  expect(patch.status()).toBe(404);
  const list = await (await request.get(`${app.url}/api/products`, { headers })).json();
  expect(list.products.map((p: { title: string }) => p.title)).toEqual(["Bob's Mug"]);
  const unchanged = await db.db.query.products.findFirst({
    where: eq(products.id, alicesProduct.id),
  });
  expect(unchanged?.priceMinor).toBe(1000);
});

test("server actions replayed with another seller's ids are refused", async ({ page }) => {
  await logInAsBob(page);

  // Bob's own product page carries the real server actions; he points them at Alice's product.
  await page.goto(`${app.url}/products/${bobsProduct.id}`);
  // Tamper only once React has hydrated the page, or hydration could put the values back.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Title").fill("Hijacked");
  await page.getByLabel("Price").fill("0.50");
  // After typing: the form re-renders as it is typed into (its live preview), which would put
  // its own id back.
  await page.evaluate((id) => {
    document
      .querySelectorAll<HTMLInputElement>('input[name="id"], input[name="productId"]')
      .forEach((input) => {
        input.value = id;
      });
  }, alicesProduct.id);
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.goto(`${app.url}/products/${bobsProduct.id}`);
  // Tamper only once React has hydrated the page, or hydration could put the values back.
  await page.waitForLoadState("networkidle");
  await page.evaluate((id) => {
    document
      .querySelectorAll<HTMLInputElement>('input[name="id"]')
      .forEach((input) => (input.value = id));
  }, alicesProduct.id);
  await page.getByRole("button", { name: "Archive" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  const product = await db.db.query.products.findFirst({
    where: eq(products.id, alicesProduct.id),
  });
  expect(product).toMatchObject({
    title: "Alice's Secret Blend",
    priceMinor: 1000,
    archivedAt: null,
  });

  // And his own order page's status buttons, pointed at Alice's order.
  await page.goto(`${app.url}/orders/${bobsOrder.id}`);
  // Tamper only once React has hydrated the page, or hydration could put the values back.
  await page.waitForLoadState("networkidle");
  await page.evaluate((id) => {
    document
      .querySelectorAll<HTMLInputElement>('input[name="orderId"]')
      .forEach((input) => (input.value = id));
  }, alicesOrder.id);
  await page.getByRole("button", { name: "Mark shipped" }).click();
  await expect(page.getByText("This order cannot be changed that way.")).toBeVisible();
  const order = await db.db.query.orders.findFirst({ where: eq(orders.id, alicesOrder.id) });
  expect(order?.status).toBe("paid");
});

test("a disconnect replayed with another seller's channel changes nothing", async ({ page }) => {
  await logInAsBob(page);
  await page.goto(`${app.url}/channels`);
  const row = page.getByRole("listitem").filter({ hasText: "Bob's Channel" });
  await expect(row).toBeVisible();
  // Tamper only once React has hydrated the page, or hydration could put the value back.
  await page.waitForLoadState("networkidle");
  await page.evaluate((id) => {
    document
      .querySelectorAll<HTMLInputElement>('input[name="id"]')
      .forEach((input) => (input.value = id));
  }, alicesChannel!.id);
  await row.getByRole("button", { name: "Disconnect" }).click();
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    row.getByRole("button", { name: "Confirm" }).click(),
  ]);
  expect(answer.status()).toBe(200);
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: "Bob's Channel" })).toBeVisible();
  await expect(page.locator("main")).not.toContainText("Alice");
  const stored = await db.db.query.channels.findFirst({
    where: eq(channels.id, alicesChannel!.id),
  });
  expect(stored?.disconnectedAt).toBeNull();
});
