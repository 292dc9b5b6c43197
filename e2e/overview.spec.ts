import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { connectDatabase, type DatabaseConnection } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { channels, deepLinkStarts, posts } from "@/db/schema/channels";
import { orders } from "@/db/schema/orders";
import { users } from "@/db/schema/users";
import { sandboxUsers } from "@/lib/auth/sandbox-users";
import { orderRow } from "@/test/fixtures";
import { startPostgres, type PostgresServer } from "@/test/postgres-server";
import { saveScreenshot } from "./screenshots";
import { startStandaloneApp } from "./standalone-app";
import { specPort } from "./ports";

// The Overview on its own sandbox app over PostgreSQL: first as a new seller with nothing sold
// (the steps to a first sale), then with a month of sales written into the database (chart,
// post funnel), on a phone and in German. The test seller is Berlin-based.

test.describe.configure({ mode: "serial" });

const port = specPort(70);
const longTitle = "Hand-thrown stoneware espresso cup with saucer, glazed in sea green";
const DAY = 86_400_000;
let postgres: PostgresServer;
let db: DatabaseConnection;
let app: Awaited<ReturnType<typeof startStandaloneApp>>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  postgres = await startPostgres();
  app = await startStandaloneApp(port, { DATABASE_URL: postgres.url }, { echo: false });
  db = await connectDatabase({ url: postgres.url, dataDir: "/tmp" });
});

test.afterAll(async () => {
  await app?.stop();
  await db?.close();
  await postgres?.stop();
});

async function logIn(page: Page) {
  await page.goto(`${app.url}/login`);
  await page.getByRole("button", { name: /test seller|Test-Verkäufer/ }).click();
  await expect(page).toHaveURL(`${app.url}/`);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** Two posts of a long-titled product and a direct link, with opens and paid orders on six days. */
async function sellForAMonth() {
  const [seller] = await db.db
    .update(users)
    .set({ timeZone: "Europe/Berlin" })
    .where(eq(users.telegramId, sandboxUsers.seller.telegramId))
    .returning();
  const sellerId = seller!.id;
  const [cup, tin] = await db.db
    .insert(products)
    .values([
      { sellerId, title: longTitle, priceMinor: 2410, deepLinkPayload: "overview-cup" },
      { sellerId, title: "Tea tin", priceMinor: 950, deepLinkPayload: "overview-tin" },
    ])
    .returning();
  const [channel] = await db.db
    .insert(channels)
    .values({ sellerId, telegramChatId: -100_777_000_111, title: "Pottery Corner" })
    .returning();
  const postRows = await db.db
    .insert(posts)
    .values(
      [1, 2].map((n) => ({
        productId: cup!.id,
        channelId: channel!.id,
        telegramChatId: channel!.telegramChatId,
        telegramMessageId: 9000 + n,
      })),
    )
    .returning();
  const starts = [
    ...Array.from({ length: 8 }, () => ({ productId: cup!.id, postId: postRows[0]!.id })),
    ...Array.from({ length: 5 }, () => ({ productId: cup!.id, postId: postRows[1]!.id })),
    ...Array.from({ length: 4 }, () => ({ productId: tin!.id, postId: null })),
  ];
  await db.db
    .insert(deepLinkStarts)
    .values(starts.map((start, i) => ({ ...start, buyerTelegramId: 880_000 + i })));
  // Days ago → what sold that day; the best day is four cups, €96.40.
  const sales: Array<[number, "cup" | "tin", number, number]> = [
    [0, "cup", 0, 1],
    [1, "tin", -1, 2],
    [3, "cup", 1, 1],
    [7, "cup", 0, 4],
    [12, "tin", -1, 1],
    [20, "cup", 1, 2],
  ];
  await db.db.insert(orders).values(
    sales.map(([daysAgo, which, post, quantity], i) => {
      const product = which === "cup" ? cup! : tin!;
      const at = new Date(Date.now() - daysAgo * DAY - 60_000);
      return orderRow(
        { sellerId, productId: product.id, checkoutKey: `overview-${i}` },
        {
          postId: post >= 0 ? postRows[post]!.id : null,
          productTitle: product.title,
          quantity,
          unitAmountMinor: product.priceMinor,
          totalAmountMinor: product.priceMinor * quantity,
          createdAt: at,
          paidAt: at,
        },
      );
    }),
  );
}

/** What axe-core finds serious or critical on the page as it is now, by rule and element. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe("a new seller", () => {
  test.use({ locale: "en-US", viewport: { width: 390, height: 844 } });

  test("sees the steps to a first sale instead of empty figures", async ({ page }) => {
    await logIn(page);
    await expect(
      page.getByRole("heading", { name: "No sales yet: how to get your first" }),
    ).toBeVisible();
    const steps = [
      ["Add a product", "/products/new"],
      ["Connect your channel", "/channels"],
      ["Publish the product", "/products"],
      ["Try a purchase in the sandbox", "/sandbox"],
    ] as const;
    for (const [name, href] of steps) {
      await expect(page.getByRole("link", { name })).toHaveAttribute("href", href);
    }
    // Still there, as before the first sale.
    await expect(page.getByRole("region", { name: "Needs your attention" })).toContainText(
      "Nothing needs you right now.",
    );
    await expect(page.getByText("No sales", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("img", { name: /Revenue per day/ })).toHaveCount(0);
    expect(await sideways(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, "overview-empty-phone");

    await page.getByRole("link", { name: "Add a product" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New product" })).toBeVisible();
  });
});

test.describe("a month of sales", () => {
  test.beforeAll(sellForAMonth);

  test.describe("on a phone", () => {
    test.use({ locale: "en-US", viewport: { width: 390, height: 844 } });

    test("every post is a card with its conversion, nothing cut off", async ({ page }) => {
      await logIn(page);
      const funnel = page.getByRole("list", { name: /How your posts sell/ });
      await expect(funnel.getByRole("listitem")).toHaveCount(3);
      // Two paid orders each: of 8 opens, of 5, and of 4 through the product's own link.
      for (const [index, conversion] of ["25%", "40%", "50%"].entries()) {
        const card = funnel.getByRole("listitem").nth(index);
        await expect(card.locator('[data-figure="conversion"]')).toHaveText(
          `Conversion${conversion}`,
        );
        // Scrolled to, it is wholly on screen: not cut off at the right edge.
        await card.locator('[data-figure="conversion"]').scrollIntoViewIfNeeded();
        await expect(card.locator('[data-figure="conversion"]')).toBeInViewport({ ratio: 1 });
      }
      // The long title keeps its words together on one or two lines, not one word per line.
      const title = funnel.getByText(longTitle).first();
      const lines = await title.evaluate(
        (el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight),
      );
      expect(lines).toBeLessThanOrEqual(3);
      await expect(page.getByRole("table", { name: /How your posts sell/ })).toBeHidden();
      expect(await sideways(page)).toBe(0);

      // The chart's text is readable on a phone and its first date is not clipped.
      const chart = page.getByRole("img", { name: /Revenue per day/ });
      const dates = chart.locator("text").filter({ hasText: /[A-Z][a-z]{2}/ });
      const visible = dates.filter({ visible: true });
      await expect(visible).toHaveCount(3);
      await chart.scrollIntoViewIfNeeded();
      for (const label of await chart.locator("text").filter({ visible: true }).all()) {
        const size = await label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        expect(size).toBeGreaterThanOrEqual(11);
        const box = (await label.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, "overview-phone");
    });

    test("the menu button opens and closes the menu by keyboard", async ({ page }) => {
      await logIn(page);
      const button = page.getByRole("button", { name: "Menu" });
      await expect(button).toHaveAttribute("aria-expanded", "false");
      const nav = page.getByRole("navigation", { name: "Main navigation" });
      await expect(nav).toBeHidden();

      await button.focus();
      await page.keyboard.press("Enter");
      await expect(button).toHaveAttribute("aria-expanded", "true");
      await expect(nav).toBeVisible();
      // Focus moves into the panel, onto its first link.
      await expect(nav.getByRole("link", { name: "Overview" })).toBeFocused();
      const target = await nav.getByRole("link", { name: "Orders" }).boundingBox();
      expect(target!.height).toBeGreaterThanOrEqual(44);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, "overview-phone-menu");

      await page.keyboard.press("Escape");
      await expect(button).toHaveAttribute("aria-expanded", "false");
      await expect(nav).toBeHidden();
      await expect(button).toBeFocused();

      // A tap outside closes it too.
      await button.click();
      await expect(nav).toBeVisible();
      await page.mouse.click(200, 700);
      await expect(nav).toBeHidden();
    });
  });

  test.describe("on a laptop", () => {
    test.use({ locale: "en-US", viewport: { width: 1366, height: 900 } });

    test("the posts are a table with every column", async ({ page }) => {
      await logIn(page);
      const table = page.getByRole("table", { name: /How your posts sell/ });
      await expect(table.getByRole("columnheader")).toHaveText([
        "Post",
        "Opened in the bot",
        "Checkouts",
        "Paid",
        "Conversion",
      ]);
      await expect(table.getByRole("row", { name: /Tea tin/ })).toContainText("50%");
      await expect(page.getByRole("list", { name: /How your posts sell/ })).toBeHidden();
      await saveScreenshot(page, "overview-desktop");
    });
  });

  test.describe("in German", () => {
    test.use({ locale: "de-DE", timezoneId: "Europe/Berlin" });

    test("the chart has a euro y-axis and German dates", async ({ page }) => {
      await logIn(page);
      const chart = page.getByRole("img", { name: /Umsatz pro Tag/ });
      // The best day is €96.40: gridlines every €25 up to €100.
      for (const tick of ["0 €", "25 €", "50 €", "75 €", "100 €"]) {
        await expect(chart.locator("text").getByText(tick, { exact: true })).toHaveCount(1);
      }
      // Today is always labelled, as Berlin writes it ("7. Dez.").
      const today = new Intl.DateTimeFormat("de-DE", {
        day: "numeric",
        month: "short",
        timeZone: "Europe/Berlin",
      }).format(new Date());
      await expect(chart.locator("text").last()).toHaveText(today);
      await expect(chart).toHaveAttribute(
        "aria-label",
        /insgesamt 221,30\s€; der beste Tag war der \d+\. \p{L}+ mit 96,40\s€/u,
      );
      // Screen readers get every day's figure in a table.
      const figures = page.getByRole("table", { name: "Umsatz pro Tag, letzte 30 Tage" });
      await expect(figures.getByRole("row")).toHaveCount(31);
      await expect(figures.getByRole("row").last()).toContainText("24,10 €");
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, "overview-de");

      await page.setViewportSize({ width: 390, height: 844 });
      await expect(chart.locator("text").filter({ visible: true }).last()).toHaveText(today);
      expect(await sideways(page)).toBe(0);
      await saveScreenshot(page, "overview-de-phone");
    });
  });
});
