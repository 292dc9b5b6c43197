import { expect, test, type Page } from "@playwright/test";
import { connectDatabase, type DatabaseConnection } from "@/db/client";
import { migrateWithLock } from "@/db/migrate";
import { products } from "@/db/schema/catalog";
import { orderEvents, orders } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { signLoginWidget } from "@/lib/auth/telegram-login";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { orderRow } from "@/test/fixtures";
import { startPostgres, type PostgresServer } from "@/test/postgres-server";
import { saveScreenshot } from "./screenshots";
import { startStandaloneApp } from "./standalone-app";
import { specPort } from "./ports";

const port = specPort(40);
const telegram = createTelegramSimulator();
let postgres: PostgresServer;
let db: DatabaseConnection;
let telegramServer: ServedHandler;
let app: Awaited<ReturnType<typeof startStandaloneApp>>;
const sellerTelegramId = 555000888;
const buyerIds = (i: number) => 960_000 + i;

test.use({ locale: "en-US" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  postgres = await startPostgres();
  db = await connectDatabase({ url: postgres.url, dataDir: "/tmp" });
  await migrateWithLock(db);
  telegramServer = await serveFetchHandler(telegram.handle);
  app = await startStandaloneApp(port, {
    DATABASE_URL: postgres.url,
    TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
    TELEGRAM_WEBHOOK_SECRET: "orders-test-webhook-secret",
    TELEGRAM_API_ROOT: telegramServer.url,
  });
  // The seller's shop with 30 orders: 24 paid, 6 already shipped.
  const [seller] = await db.db
    .insert(users)
    .values({ telegramId: sellerTelegramId, name: "Greta", role: "admin" })
    .returning();
  const [product] = await db.db
    .insert(products)
    .values({
      sellerId: seller!.id,
      title: "Tour Shirt",
      priceMinor: 2500,
      deepLinkPayload: "shirt",
    })
    .returning();
  await db.db.insert(orders).values(
    Array.from({ length: 30 }, (_, i) =>
      orderRow(
        { sellerId: seller!.id, productId: product!.id, checkoutKey: `e2e-${i}` },
        {
          buyerTelegramId: buyerIds(i),
          contactName: i === 4 ? "Zoë Weiß" : `Fan ${String(i).padStart(2, "0")}`,
          email: `fan${i}@example.com`,
          addressStreet: "Ring 1",
          addressPostcode: "1010",
          addressCity: "Wien",
          addressCountry: "AT",
          productTitle: "Tour Shirt",
          quantity: 1 + (i % 4),
          unitAmountMinor: 2500,
          totalAmountMinor: 2500 * (1 + (i % 4)),
          status: i % 5 === 0 ? "shipped" : "paid",
          createdAt: new Date(Date.UTC(2026, 9, 1 + i)),
        },
      ),
    ),
  );
});

test.afterAll(async () => {
  await app?.stop();
  await db?.close();
  await telegramServer?.close();
  await postgres?.stop();
});

async function logIn(page: Page) {
  const widget = signLoginWidget(
    { id: sellerTelegramId, first_name: "Greta", auth_date: Math.floor(Date.now() / 1000) },
    DEFAULT_BOT.token,
  );
  const { csrfToken } = await (await page.request.get(`${app.url}/api/auth/csrf`)).json();
  await page.request.post(`${app.url}/api/auth/callback/telegram-widget`, {
    form: { ...widget, csrfToken, json: "true" },
  });
}

test("a seller sorts, filters, searches, pages and exports orders, and ships one", async ({
  page,
}) => {
  await logIn(page);

  await page.goto(`${app.url}/orders`);
  await expect(page.getByText("30 orders")).toBeVisible();
  await saveScreenshot(page, "orders");

  await page.getByRole("button", { name: /^Total/ }).click();
  await expect(page).toHaveURL(/sort=total/);
  // Greta runs the installation: her list has the Shop column, so Total is the seventh.
  const firstTotal = page.locator("tbody tr").first().locator("td").nth(6);
  await expect(firstTotal).toHaveText(/€100\.00|€25\.00/);

  await page.getByLabel("Status").selectOption("shipped");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("6 orders")).toBeVisible();
  await expect(page).toHaveURL(/status=shipped/);

  const csv = await page.request.get(`${app.url}/orders/export?status=shipped`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toContain("number,shop,created_at,status,buyer,email");
  expect(lines).toHaveLength(7);
  expect(lines.slice(1).every((line) => line.includes(",shipped,"))).toBe(true);

  await page.goto(`${app.url}/orders?q=wei%C3%9F`);
  await expect(page.getByText("1 orders")).toBeVisible();
  await expect(page.locator("tbody")).toContainText("Zoë Weiß");
  // The number the list shows for her order, as she would quote it, finds it as well.
  const quoted = await page.locator("tbody").getByRole("link").first().textContent();
  expect(quoted).toMatch(/^#\d+$/);
  await page.goto(`${app.url}/orders?q=${encodeURIComponent(quoted!)}`);
  await expect(page.getByText("1 orders")).toBeVisible();
  await expect(page.locator("tbody")).toContainText("Zoë Weiß");

  await page.goto(`${app.url}/orders?size=10`);
  await expect(page.getByText("Page 1 of 3")).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Page 2 of 3")).toBeVisible();

  // Bulk: the two newest paid orders shipped at once.
  await page.goto(`${app.url}/orders?status=paid&size=10`);
  await expect(page.getByText("24 orders")).toBeVisible();
  await page.locator("tbody input[type=checkbox]").nth(0).check();
  await page.locator("tbody input[type=checkbox]").nth(1).check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("button", { name: "Mark selected shipped" }).click();
  await expect(page.getByText("2 changed, 0 skipped")).toBeVisible();
  await page.reload();
  await expect(page.getByText("22 orders")).toBeVisible();

  // Ship Zoë's order from its page; she hears of it in Telegram.
  telegram.markStarted(buyerIds(4));
  await page.goto(`${app.url}/orders?q=wei%C3%9F`);
  await page.locator("tbody").getByRole("link").first().click();
  await page.getByLabel("Tracking number (optional)").fill("DHL-123456");
  await page.getByRole("button", { name: "Mark shipped" }).click();
  await expect(page.getByText("Status changed; the buyer is told in Telegram.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: "Paid → Shipped" })).toContainText(
    "Greta",
  );
  await saveScreenshot(page, "order");
  await expect
    .poll(() => telegram.lastMessage(buyerIds(4))?.text ?? "", { timeout: 10_000 })
    .toContain("Tracking number: DHL-123456");
});

test("the order page keeps the tracking number, links the carrier and corrects it", async ({
  page,
}) => {
  await logIn(page);
  telegram.markStarted(buyerIds(13));
  await page.goto(`${app.url}/orders?q=Fan%2013`);
  await page.locator("tbody").getByRole("link").first().click();
  await page.getByLabel("Tracking number (optional)").fill("0034 0434 1612 3456 7890");
  await page.getByRole("button", { name: "Mark shipped" }).click();
  await expect(page.getByText("Status changed; the buyer is told in Telegram.")).toBeVisible();

  await page.reload();
  const shipment = page.getByRole("region", { name: "Shipment" });
  await expect(shipment.getByTestId("tracking-number")).toHaveText("0034 0434 1612 3456 7890");
  await expect(shipment.getByRole("link", { name: "Track at DHL" })).toHaveAttribute(
    "href",
    "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161234567890",
  );
  await saveScreenshot(page, "order-shipment");

  // A typo in the number: corrected from the card, and the buyer hears the new one.
  await shipment.getByText("Edit tracking number").click();
  await shipment.getByLabel("Tracking number").fill("T".repeat(100) + "X");
  await expect(shipment.getByLabel("Tracking number")).toHaveValue("T".repeat(100));
  await shipment.getByLabel("Tracking number").fill("1Z999AA10123456784");
  await shipment.getByRole("button", { name: "Save tracking number" }).click();
  await expect(
    shipment.getByText("Tracking number saved; the buyer is told the new number in Telegram."),
  ).toBeVisible();
  await expect(shipment.getByTestId("tracking-number")).toHaveText("1Z999AA10123456784");
  await expect(shipment.getByRole("link", { name: "Track at UPS" })).toHaveAttribute(
    "href",
    "https://www.ups.com/track?tracknum=1Z999AA10123456784",
  );
  await expect(
    page.getByRole("listitem").filter({ hasText: "Tracking number set to" }),
  ).toContainText("1Z999AA10123456784");
  await expect
    .poll(() => telegram.lastMessage(buyerIds(13))?.text ?? "", { timeout: 10_000 })
    .toContain("It is now: 1Z999AA10123456784");
  const told = telegram
    .messages(buyerIds(13))
    .filter((message) => message.text?.includes("was corrected"));
  expect(told).toHaveLength(1);
});

test("the overview says what needs doing, and each status has its own badge", async ({ page }) => {
  // Another shop, seen by its own seller: 3 paid, 2 failed payments this week (and one older),
  // one of each other status, 2 sold-out products (and a sold-out one archived), and notices
  // that cannot reach the seller since they blocked the bot.
  const hanaTelegramId = 555000999;
  const [hana] = await db.db
    .insert(users)
    .values({
      telegramId: hanaTelegramId,
      name: "Hana",
      role: "seller",
      notificationsBlockedAt: new Date(),
    })
    .returning();
  const sellerId = hana!.id;
  const soldOut = { sellerId, priceMinor: 900, stock: 0 };
  const [vase] = await db.db
    .insert(products)
    .values([
      { ...soldOut, title: "Vase", deepLinkPayload: "hana-vase" },
      { ...soldOut, title: "Bowl", deepLinkPayload: "hana-bowl" },
      { ...soldOut, title: "Old cup", deepLinkPayload: "hana-cup", archivedAt: new Date() },
      { sellerId, title: "Plate", priceMinor: 900, stock: 4, deepLinkPayload: "hana-plate" },
    ])
    .returning();
  const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
  const statuses = [
    ["paid", "paid", "paid", "payment_failed", "payment_failed", "pending_payment"],
    ["shipped", "delivered", "cancelled", "refunded", "expired"],
  ].flat() as Array<(typeof orders.$inferInsert)["status"]>;
  await db.db
    .insert(orders)
    .values([
      ...statuses.map((status, i) =>
        orderRow({ sellerId, productId: vase!.id, checkoutKey: `hana-${i}` }, { status }),
      ),
      orderRow(
        { sellerId, productId: vase!.id, checkoutKey: "hana-old-failure" },
        { status: "payment_failed", createdAt: weekAgo },
      ),
    ]);
  const widget = signLoginWidget(
    { id: hanaTelegramId, first_name: "Hana", auth_date: Math.floor(Date.now() / 1000) },
    DEFAULT_BOT.token,
  );
  const { csrfToken } = await (await page.request.get(`${app.url}/api/auth/csrf`)).json();
  await page.request.post(`${app.url}/api/auth/callback/telegram-widget`, {
    form: { ...widget, csrfToken, json: "true" },
  });

  await page.goto(`${app.url}/`);
  const card = page.getByRole("region", { name: "Needs your attention" });
  await expect(card.getByRole("link", { name: "3 orders to ship" })).toHaveAttribute(
    "href",
    "/orders?status=paid",
  );
  await expect(
    card.getByRole("link", { name: "2 failed payments in the last 7 days" }),
  ).toHaveAttribute("href", "/orders?status=payment_failed");
  await expect(card.getByRole("link", { name: "2 products sold out" })).toHaveAttribute(
    "href",
    "/products",
  );
  await expect(
    card.getByRole("link", { name: "Order notices can't reach you in Telegram" }),
  ).toBeVisible();
  await saveScreenshot(page, "overview-attention");
  await card.getByRole("link", { name: "3 orders to ship" }).click();
  await expect(page.getByText("3 orders")).toBeVisible();

  // Every status in the list, each a badge of its own colour, explained in the legend.
  await page.goto(`${app.url}/orders?status=${[...new Set(statuses)].join(",")}`);
  const badges = page.locator("tbody [data-status]");
  await expect(badges).toHaveCount(statuses.length + 1);
  const looks = new Map<string, string>();
  for (const badge of await badges.all()) {
    looks.set((await badge.getAttribute("data-status"))!, (await badge.getAttribute("class"))!);
  }
  expect(looks.size).toBe(8);
  expect(new Set(looks.values()).size).toBe(8);
  await expect(page.locator('tbody [data-status="paid"]').first()).toHaveText("Paid");
  await page.getByText("What the status colours mean").click();
  await expect(
    page.getByRole("definition").filter({ hasText: "Paid: needs shipping." }),
  ).toBeVisible();
  await saveScreenshot(page, "orders-status-badges");
});

test("a seller in Berlin sees an order's times in Berlin time, the zone taken from the browser", async ({
  browser,
}) => {
  const context = await browser.newContext({ timezoneId: "Europe/Berlin", locale: "en-US" });
  const page = await context.newPage();
  const berlinSellerId = 555000889;
  const [seller] = await db.db
    .insert(users)
    .values({ telegramId: berlinSellerId, name: "Bernd" })
    .returning();
  const [product] = await db.db
    .insert(products)
    .values({
      sellerId: seller!.id,
      title: "Night Shirt",
      priceMinor: 2500,
      deepLinkPayload: "night-shirt",
    })
    .returning();
  // Placed at 21:13 in Berlin (winter: UTC+1).
  const placedAt = new Date("2026-11-20T20:13:00Z");
  const [order] = await db.db
    .insert(orders)
    .values(
      orderRow(
        { sellerId: seller!.id, productId: product!.id, checkoutKey: "e2e-berlin" },
        { buyerTelegramId: buyerIds(99), createdAt: placedAt, paidAt: placedAt },
      ),
    )
    .returning();
  await db.db
    .insert(orderEvents)
    .values({ orderId: order!.id, toStatus: "paid", actorKind: "stripe", createdAt: placedAt });

  const widget = signLoginWidget(
    { id: berlinSellerId, first_name: "Bernd", auth_date: Math.floor(Date.now() / 1000) },
    DEFAULT_BOT.token,
  );
  const { csrfToken } = await (await page.request.get(`${app.url}/api/auth/csrf`)).json();
  await page.request.post(`${app.url}/api/auth/callback/telegram-widget`, {
    form: { ...widget, csrfToken, json: "true" },
  });
  // The first visit reports the browser's zone; from then on the server writes Berlin time.
  await page.goto(`${app.url}/orders`);
  await expect
    .poll(
      async () =>
        (await db.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, seller!.id) }))
          ?.timeZone,
    )
    .toBe("Europe/Berlin");
  await page.goto(`${app.url}/orders/${order!.id}`);
  await expect(page.getByRole("listitem").filter({ hasText: "Paid" })).toContainText("9:13 PM");
  await expect(page.getByText("8:13 PM")).toHaveCount(0);

  // Chosen in Settings, a zone stays, whatever the browser says.
  await page.goto(`${app.url}/settings`);
  await page.getByLabel("Your time zone").selectOption("America/New_York");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Time zone saved.")).toBeVisible();
  await page.goto(`${app.url}/orders/${order!.id}`);
  await expect(page.getByRole("listitem").filter({ hasText: "Paid" })).toContainText("3:13 PM");
  await context.close();
});

test("on a phone every order is a card with its total and status, and the filters fold away", async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "en-US",
  });
  const page = await context.newPage();
  await logIn(page);
  await page.goto(`${app.url}/orders?size=10`);

  const cards = page.getByTestId("order-card");
  await expect(cards).toHaveCount(10);
  for (const card of await cards.all()) {
    await expect(card.getByTestId("order-card-total")).toHaveText(/^€\d+\.\d\d$/);
    await expect(card.locator("[data-status]")).toBeVisible();
    // Every card lies within the screen's width, total and status included.
    const box = (await card.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await expect(page.getByRole("table")).toBeHidden();
  // The filters wait behind their button: the first order is on the first screen.
  const filters = page.getByRole("button", { name: "Filters", exact: true });
  await expect(filters).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByLabel("Search")).toBeHidden();
  await expect(cards.first()).toBeInViewport();
  const sideways = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  expect(await sideways()).toBe(0);
  await saveScreenshot(page, "orders-phone");

  // Ticking a card brings up the bulk actions, which wait out of the way until then.
  const shipSelected = page.getByRole("button", { name: "Mark selected shipped" });
  await expect(shipSelected).toBeHidden();
  await cards.first().getByRole("checkbox").check();
  await expect(page.getByText("1 selected")).toBeVisible();
  await expect(shipSelected).toBeEnabled();
  await cards.first().getByRole("checkbox").uncheck();
  await expect(shipSelected).toBeHidden();

  await filters.click();
  await expect(filters).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByLabel("Search")).toBeVisible();
  expect(await sideways()).toBe(0);
  await saveScreenshot(page, "orders-phone-filters");
  await page.getByLabel("Status").selectOption("shipped");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=shipped/);
  // Folded again on the new view, the button says one filter is on.
  await expect(page.getByRole("button", { name: "Filters (1)" })).toHaveAttribute(
    "aria-expanded",
    "false",
  );
  await expect(cards.first().locator("[data-status]")).toHaveText("Shipped");
  await expect(cards.locator('[data-status]:not([data-status="shipped"])')).toHaveCount(0);

  // The whole card opens the order.
  const number = (await cards.first().getByRole("link").textContent())!.match(/#(\d+)/)![1];
  await cards.first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: `Order #${number}` })).toBeVisible();
  expect(await sideways()).toBe(0);
  await context.close();
});

test("an admin sees whose each order is, and filters and exports one shop", async ({ page }) => {
  // Greta runs the installation; Hana's and Bernd's shops have orders by now too.
  await logIn(page);
  await page.goto(`${app.url}/orders?size=100`);
  await expect(page.getByText("Every shop's paid orders, from payment to delivery.")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Shop" })).toBeVisible();
  const shopCells = page.locator("tbody tr td:nth-child(3)");
  await expect(shopCells.first()).toBeVisible();
  expect(new Set(await shopCells.allTextContents())).toEqual(new Set(["Greta", "Hana", "Bernd"]));

  await page.getByLabel("Shop").selectOption({ label: "Hana" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/shop=/);
  // Hana's paid orders and what became of them: 3 paid, shipped, delivered, cancelled, refunded.
  await expect(page.getByText(/^7 orders/)).toBeVisible();
  expect(await shopCells.allTextContents()).toEqual(Array(7).fill("Hana"));
  await saveScreenshot(page, "orders-admin-shop");

  const exportLink = page.getByRole("link", { name: "Export CSV (with shops)" });
  const csv = await page.request.get(`${app.url}${await exportLink.getAttribute("href")}`);
  const [header, ...lines] = (await csv.text()).trim().split("\n");
  expect(header).toMatch(/^number,shop,created_at,status,/);
  expect(lines).toHaveLength(7);
  expect(lines.every((line) => /^\d+,Hana,/.test(line))).toBe(true);

  await page.locator("tbody").getByRole("link").first().click();
  await expect(page.getByTestId("order-shop")).toHaveText("Hana");

  // A shop id that is none: said on the page, refused by the export.
  await page.goto(`${app.url}/orders?shop=not-a-shop`);
  await expect(
    page.getByRole("alert").filter({ hasText: "Shop: there is no such shop." }),
  ).toBeVisible();
  const refused = await page.request.get(`${app.url}/orders/export?shop=not-a-shop`);
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toEqual({ errors: { shop: "there is no such shop." } });
});
