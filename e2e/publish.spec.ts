import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signLoginWidget } from "@/lib/auth/telegram-login";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { saveScreenshot } from "./screenshots";
import { startStandaloneApp } from "./standalone-app";
import { specPort } from "./ports";

const port = specPort(30);
const telegram = createTelegramSimulator();
let telegramServer: ServedHandler;
let app: Awaited<ReturnType<typeof startStandaloneApp>>;
const channelId = -1001777000001;
const dealsId = -1001777000003;
const outletId = -1001777000005;
// The seller as Telegram knows her: she created her shop's channels and helps run Otto's outlet.
const rosa = { id: 555000777, first_name: "Rosa" };
const otto = { id: 555000888, first_name: "Otto" };

test.use({ locale: "en-US" });
// The second test publishes to the channels the first one connects.
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  telegramServer = await serveFetchHandler(telegram.handle);
  const owner = rosa;
  telegram.addChannel({ id: channelId, title: "Roastery News", username: "roastery_news", owner });
  telegram.addChannel({ id: dealsId, title: "Roastery Deals", username: "roastery_deals", owner });
  telegram.addChannel({
    id: -1001777000002,
    title: "Fan Club",
    username: "fan_club",
    botRights: "member",
    owner,
  });
  // The bot is an admin of both; only the second is Rosa's to run.
  telegram.addChannel({
    id: -1001777000004,
    title: "Otto's Market",
    username: "ottos_market",
    owner: otto,
  });
  telegram.addChannel({
    id: outletId,
    title: "Roastery Outlet",
    username: "roastery_outlet",
    owner: otto,
    admins: [rosa],
  });
  app = await startStandaloneApp(port, {
    TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
    TELEGRAM_WEBHOOK_SECRET: "publish-test-webhook-secret",
    TELEGRAM_API_ROOT: telegramServer.url,
  });
});

test.afterAll(async () => {
  await app?.stop();
  await telegramServer?.close();
});

/** Signs the browser in as a Telegram user, as the Login Widget would. */
async function logIn(page: Page, id: number, firstName: string) {
  const fields = signLoginWidget(
    { id, first_name: firstName, auth_date: Math.floor(Date.now() / 1000) },
    DEFAULT_BOT.token,
  );
  const { csrfToken } = await (await page.request.get(`${app.url}/api/auth/csrf`)).json();
  await page.request.post(`${app.url}/api/auth/callback/telegram-widget`, {
    form: { ...fields, csrfToken, json: "true" },
  });
}

test("a seller connects a channel and publishes a product with photo and Buy button", async ({
  page,
}) => {
  await logIn(page, rosa.id, rosa.first_name);
  await page.goto(`${app.url}/channels`);
  await page.getByLabel("Channel", { exact: true }).fill("@fan_club");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(
    page.getByText(`@${DEFAULT_BOT.username} is in the channel but may not post.`),
  ).toBeVisible();
  // Someone else's channel, although the bot may post there: not Rosa's to connect.
  await page.getByLabel("Channel", { exact: true }).fill("@ottos_market");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(
    page.getByText("Only the channel's creator or an administrator allowed to post can connect it"),
  ).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Otto's Market" })).toHaveCount(0);
  await page.getByLabel("Channel", { exact: true }).fill("@roastery_outlet");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Roastery Outlet" })).toBeVisible();
  await page.getByLabel("Channel", { exact: true }).fill("@roastery_news");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Roastery News" })).toBeVisible();
  await page.getByLabel("Channel", { exact: true }).fill("@roastery_deals");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Roastery Deals" })).toBeVisible();
  await saveScreenshot(page, "channels");
  // Later someone takes the bot's rights in one channel away, and Otto takes Rosa's in his
  // outlet: those channels fail, each saying why.
  await telegram.setBotRights(dealsId, "member");
  telegram.setMemberStatus(outletId, rosa, "member");

  await page.goto(`${app.url}/products/new`);
  await page.getByLabel("Title").fill("Espresso Blend 250 g");
  await page.getByLabel("Description").fill("Chocolate & hazelnut.");
  await page.getByLabel("Price").fill("12.90");
  await page.getByLabel("Stock").fill("10");
  const photo = path.join(mkdtempSync(path.join(tmpdir(), "promo-photo-")), "espresso.png");
  writeFileSync(
    photo,
    Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    ),
  );
  await page.getByLabel("Photo").setInputFiles(photo);
  await page.getByRole("button", { name: "Save product" }).click();
  await page.getByRole("link", { name: "Espresso Blend 250 g" }).click();

  await expect(page.getByRole("figure")).toContainText("Chocolate & hazelnut.");
  await expect(page.getByRole("figure")).toContainText("€12.90");
  await page.getByRole("button", { name: "Publish" }).click();
  const results = page.getByRole("status").filter({ hasText: "Roastery News" });
  await expect(results).toContainText("Roastery News: Posted");
  await expect(results).toContainText("Roastery Deals: Failed");
  await expect(results).toContainText(
    "Roastery Outlet: Failed – you must be an administrator of this channel who may post",
  );
  expect(telegram.messages(outletId)).toEqual([]);
  await saveScreenshot(page, "publish");

  const post = telegram.lastMessage(channelId);
  expect(post?.photo?.length).toBeGreaterThan(0);
  expect(post?.caption).toContain("Espresso Blend 250 g");
  const button = post?.reply_markup?.inline_keyboard[0]?.[0];
  expect(button).toMatchObject({ text: "Buy" });
  expect(button && "url" in button ? button.url : "").toMatch(
    new RegExp(`^https://t\\.me/${DEFAULT_BOT.username}\\?start=q_`),
  );

  // Take it down again from the product page.
  await page.reload();
  const postList = page.getByRole("list", { name: "Posts" });
  await expect(postList.getByRole("listitem").filter({ hasText: "Roastery News" })).toContainText(
    "Live",
  );
  await page.getByRole("button", { name: "Delete post" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(postList.getByRole("listitem").filter({ hasText: "Roastery News" })).toContainText(
    "Deleted",
  );
  expect(telegram.messages(channelId).some((m) => m.message_id === post?.message_id)).toBe(false);
});

test("a channel already posted to shows Posted ✓: Update post edits it, Post again asks first", async ({
  page,
}) => {
  await logIn(page, rosa.id, rosa.first_name);
  await page.goto(`${app.url}/products/new`);
  await page.getByLabel("Title").fill("House Blend 500 g");
  await page.getByLabel("Price").fill("18.00");
  await page.getByRole("button", { name: "Save product" }).click();
  await page.getByRole("link", { name: "House Blend 500 g" }).click();
  await expect(page).toHaveURL(/\/products\/[0-9a-f-]{36}$/);
  const productUrl = page.url();

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Roastery News" })).toContainText(
    "Roastery News: Posted",
  );
  const posted = page.getByRole("listitem").filter({ hasText: "Posted ✓" });
  await expect(posted).toHaveCount(1);
  await expect(posted).toContainText("Roastery News");
  const first = telegram.lastMessage(channelId)!;
  await expect(posted.getByRole("link", { name: "Open post" })).toHaveAttribute(
    "href",
    `https://t.me/roastery_news/${first.message_id}`,
  );
  // Nothing is ticked for a second copy: the channel posted to has no checkbox any more.
  await expect(page.getByRole("checkbox", { name: "Roastery News" })).toHaveCount(0);
  await saveScreenshot(page, "publish-posted");

  // Post again asks first; cancelling posts nothing.
  const countPosts = () => telegram.messages(channelId).length;
  const before = countPosts();
  await posted.getByRole("button", { name: "Post again" }).click();
  const dialog = page.getByRole("dialog", { name: "Post a second copy?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(countPosts()).toBe(before);

  // The price changes; Update post edits the message in place.
  await page.getByLabel("Price").fill("16.50");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page).toHaveURL(/\/products\?saved=/);
  await page.goto(productUrl);
  await page
    .getByRole("listitem")
    .filter({ hasText: "Posted ✓" })
    .getByRole("button", { name: "Update post" })
    .click();
  await expect(
    page.getByText("Post updated: the channel shows the product as saved now."),
  ).toBeVisible();
  const mine = telegram.messages(channelId).filter((m) => m.text?.includes("House Blend"));
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ message_id: first.message_id });
  expect(mine[0]?.text).toContain("€16.50");
  expect(mine[0]?.text).not.toContain("€18.00");
  expect(mine[0]?.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ text: "Buy" });

  // Confirmed, Post again does add a second copy.
  await page
    .getByRole("listitem")
    .filter({ hasText: "Posted ✓" })
    .getByRole("button", { name: "Post again" })
    .click();
  await dialog.getByRole("button", { name: "Post a second copy" }).click();
  await expect
    .poll(() => telegram.messages(channelId).filter((m) => m.text?.includes("House Blend")).length)
    .toBe(2);
});
