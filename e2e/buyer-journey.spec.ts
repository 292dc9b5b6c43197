import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { count, eq } from "drizzle-orm";
import { connectDatabase, type DatabaseConnection } from "@/db/client";
import { products } from "@/db/schema/catalog";
import { inbox } from "@/db/schema/inbox";
import { orders } from "@/db/schema/orders";
import { appSettings as appSettingsTable } from "@/db/schema/platform";
import { signInvoiceLink } from "@/lib/invoices/invoice-links";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createStripeSimulator, type StripeSimulator } from "@/sandbox/stripe/simulator";
import { createTelegramSimulator, DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { createSellerWithProduct } from "@/test/fixtures";
import { pdfTextOf } from "@/test/pdf-text";
import { startPostgres, type PostgresServer } from "@/test/postgres-server";
import { saveScreenshot } from "./screenshots";
import { startStandaloneApp } from "./standalone-app";
import { specPort } from "./ports";

// The buyer journey driven from outside: the exact standalone bundle, configured only through
// its settings, with Telegram and Stripe played by the local simulators over HTTP and a real
// PostgreSQL server. Nothing inside the app knows it is being tested.

const APP_PORT = specPort(10);
const appUrl = `http://127.0.0.1:${APP_PORT}`;
const telegramSecret = "outside-journey-webhook-secret";
const stripeKey = "sk_test_outside";
const stripeWebhookSecret = "whsec_outside";

let postgres: PostgresServer;
// The app's local object store, where the product's photo is put as an upload would.
const dataDir = mkdtempSync(path.join(tmpdir(), "promo-outside-"));
mkdirSync(path.join(dataDir, "uploads"));
writeFileSync(
  path.join(dataDir, "uploads", "00000000-0000-4000-8000-000000000001.png"),
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);
let db: DatabaseConnection;
let telegramServer: ServedHandler;
let stripeServer: ServedHandler;
let stripeSim: StripeSimulator;
/** While set, the Stripe stand-in answers every new Checkout Session as Stripe does in an outage. */
let stripeDown = false;
let app: Awaited<ReturnType<typeof startStandaloneApp>>;
const telegram = createTelegramSimulator();

function appSettings(): Record<string, string> {
  return {
    DATABASE_URL: postgres.url,
    TELEGRAM_BOT_TOKEN: DEFAULT_BOT.token,
    TELEGRAM_WEBHOOK_SECRET: telegramSecret,
    TELEGRAM_API_ROOT: telegramServer.url,
    STRIPE_SECRET_KEY: stripeKey,
    STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
    STRIPE_API_BASE: stripeServer.url,
    DATA_DIR: dataDir,
  };
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...appSettings(), PUBLIC_URL: appUrl },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(output))));
  });
}

// Stripe's documented answer to a request that failed on its side: HTTP 500 with an
// `api_error`, and Stripe-Should-Retry: false when retrying would not help (the SDK obeys it).
function stripeOutage() {
  return Response.json(
    { error: { type: "api_error", message: "Something went wrong on Stripe's end." } },
    { status: 500, headers: { "Stripe-Should-Retry": "false", "Request-Id": "req_outage" } },
  );
}

async function eventually(check: () => boolean, what: string) {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Telegram gets its 200 at once; the app answers from its inbox moments later. Waits until
// every update and event received so far has been handled.
async function answered() {
  for (let i = 0; i < 200; i++) {
    const [row] = await db.db
      .select({ waiting: count() })
      .from(inbox)
      .where(eq(inbox.status, "pending"));
    if (row?.waiting === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the app did not handle the updates it received");
}

type Buyer = { id: number; first_name: string; language_code: string };

/** The bot's side of a buyer's chat, and pressing one of its buttons as the buyer. */
function buyerChat(buyer: Buyer) {
  const botMessages = () =>
    telegram.messages(buyer.id).filter((message) => message.from?.id === DEFAULT_BOT.id);
  const press = async (data: string) => {
    const message = botMessages()
      .reverse()
      .find((m) =>
        m.reply_markup?.inline_keyboard
          .flat()
          .some((b) => "callback_data" in b && b.callback_data === data),
      );
    expect(message, `a button ${data}`).toBeTruthy();
    // Telegram redelivers anything but a 2xx: the webhook must answer 200, failures included.
    expect((await telegram.pressButton(buyer, message!, data)).status).toBe(200);
    await answered();
  };
  const start = async (payload: string) => {
    expect((await telegram.start(buyer, payload)).status).toBe(200);
    await answered();
  };
  const say = async (text: string) => {
    expect((await telegram.sendText(buyer, text)).status).toBe(200);
    await answered();
  };
  return { botMessages, press, start, say };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  postgres = await startPostgres();
  telegramServer = await serveFetchHandler(telegram.handle);
  stripeSim = createStripeSimulator({
    secretKey: stripeKey,
    webhookSecret: stripeWebhookSecret,
    webhookUrl: `${appUrl}/api/stripe/webhook`,
  });
  stripeServer = await serveFetchHandler((request) =>
    stripeDown &&
    request.method === "POST" &&
    new URL(request.url).pathname === "/v1/checkout/sessions"
      ? Promise.resolve(stripeOutage())
      : stripeSim.handle(request),
  );
  app = await startStandaloneApp(APP_PORT, appSettings());
  // The operator's step: register the webhook with Telegram.
  expect(await run("npx", ["tsx", "scripts/bot-webhook.ts"])).toContain("/api/telegram/webhook");
  db = await connectDatabase({ url: postgres.url, dataDir: tmpdir() });
});

test.afterAll(async () => {
  await app?.stop();
  await db?.close();
  await Promise.all([telegramServer?.close(), stripeServer?.close()]);
  await postgres?.stop();
});

test("a buyer pays through the bot and both sides are notified", async ({ page }) => {
  const { seller, product } = await createSellerWithProduct(db.db, { stock: 1 });
  await db.db
    .update(products)
    .set({ photoKey: "00000000-0000-4000-8000-000000000001.png" })
    .where(eq(products.id, product.id));
  telegram.markStarted(seller.telegramId);
  const buyer = { id: 930_001, first_name: "Lea", language_code: "en" };
  const { press, start, say } = buyerChat(buyer);
  const botMessages = (chatId: number) =>
    telegram.messages(chatId).filter((message) => message.from?.id === DEFAULT_BOT.id);
  const last = (chatId: number) => botMessages(chatId).at(-1);

  await start(product.deepLinkPayload);
  // The product card: its photo, with the card as the caption.
  expect(last(buyer.id)?.photo?.length).toBeGreaterThan(0);
  expect(last(buyer.id)?.caption).toContain("Espresso Blend 250 g");
  await press(`buy:${product.id}`);
  for (const answer of ["Lea Lehmann", "Torstraße 9", "10119", "Berlin", "DE", "lea@example.com"]) {
    await say(answer);
  }
  expect(last(buyer.id)?.text).toContain("Please check your order");
  await press("dlg:confirm");
  const payButton = last(buyer.id)
    ?.reply_markup?.inline_keyboard.flat()
    .find((button) => "url" in button);
  const session = stripeSim
    .sessions()
    .find((s) => payButton && "url" in payButton && s.url === payButton.url);
  expect(session).toBeTruthy();

  const payment = await stripeSim.pay(session!.id);
  expect(payment.outcome).toBe("paid");
  expect(stripeSim.deliveries().at(-1)?.status).toBe(200);
  await answered();

  // The app's own outbox worker sends both notices (the buyer's invoice may follow at once).
  await eventually(
    () => botMessages(buyer.id).some((message) => message.text?.includes("Payment received")),
    "the buyer's payment confirmation",
  );
  await eventually(
    () => (last(seller.telegramId)?.text ?? "").includes("New order"),
    "the seller's order notice",
  );
  const paid = await db.db.query.orders.findMany({ where: eq(orders.buyerTelegramId, buyer.id) });
  expect(paid).toMatchObject([{ status: "paid", totalAmountMinor: 1290 }]);

  // Then the invoice, made by the app's outbox: a signed link anyone with it can open.
  await eventually(
    () => (last(buyer.id)?.text ?? "").includes("Your invoice"),
    "the buyer's invoice message",
  );
  const linkEntity = last(buyer.id)?.entities?.find((entity) => entity.type === "text_link");
  const invoiceUrl = linkEntity && "url" in linkEntity ? linkEntity.url : "";
  expect(invoiceUrl).toMatch(new RegExp(`^${appUrl}/api/invoices/`));
  const download = await page.request.get(invoiceUrl);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  const invoiceText = await pdfTextOf(await download.body());
  expect(invoiceText).toContain("Invoice no. ");
  expect(invoiceText).toContain("Lea Lehmann");
  expect(invoiceText).toContain("Torstraße 9");
  expect(invoiceText).toContain("Total €12.90");
  // A changed id or signature, or an expired link: refused.
  const tampered = new URL(invoiceUrl);
  tampered.searchParams.set("expires", String(Number(tampered.searchParams.get("expires")) + 1));
  expect((await page.request.get(tampered.toString())).status()).toBe(403);
  const [secret] = await db.db
    .select()
    .from(appSettingsTable)
    .where(eq(appSettingsTable.key, "invoice_link_secret"));
  const invoiceId = new URL(invoiceUrl).pathname.split("/").at(-1)!;
  const expired = signInvoiceLink(appUrl, secret!.value, invoiceId, new Date(Date.now() - 1000));
  const refused = await page.request.get(expired);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("expired");

  // Where Stripe sends the buyer after paying.
  await page.goto(payment.outcome === "paid" ? payment.redirectUrl : appUrl);
  await expect(page.getByRole("heading", { name: "Thank you for your order!" })).toBeVisible();
  await expect(page.getByText(`Order #${paid[0]?.shopNumber}`)).toBeVisible();
  await saveScreenshot(page, "checkout-success");
});

test("Stripe failing at Confirm: the buyer is told at once and the next Confirm works", async () => {
  const { product } = await createSellerWithProduct(db.db, { stock: 1 });
  const buyer = { id: 930_002, first_name: "Jan", language_code: "en" };
  const { botMessages, press, start, say } = buyerChat(buyer);
  await start(product.deepLinkPayload);
  await press(`buy:${product.id}`);
  for (const answer of ["Jan Jansen", "Torstraße 9", "10119", "Berlin", "DE", "jan@example.com"]) {
    await say(answer);
  }
  expect(botMessages().at(-1)?.text).toContain("Please check your order");
  const before = botMessages().length;
  stripeDown = true;
  try {
    await press("dlg:confirm");
  } finally {
    stripeDown = false;
  }
  // Told at once, and shown the summary again to confirm once more.
  const answers = botMessages()
    .slice(before)
    .map((message) => message.text ?? "");
  expect(answers[0]).toContain("Payment is unavailable right now");
  expect(answers.at(-1)).toContain("Please check your order");
  const [pending] = await db.db.query.orders.findMany({
    where: eq(orders.buyerTelegramId, buyer.id),
  });
  expect(pending).toMatchObject({ status: "pending_payment", stripeCheckoutUrl: null });

  // Stripe is back: the same Confirm now brings the payment link, for the same order.
  await press("dlg:confirm");
  const payButton = botMessages()
    .at(-1)
    ?.reply_markup?.inline_keyboard.flat()
    .find((button) => "url" in button);
  expect(payButton && "url" in payButton && payButton.url).toBeTruthy();
  const after = await db.db.query.orders.findMany({ where: eq(orders.buyerTelegramId, buyer.id) });
  expect(after).toHaveLength(1);
  expect(after[0]?.stripeCheckoutUrl).toBe(payButton && "url" in payButton ? payButton.url : "");
});

test("with real tokens set, the sandbox and its simulators are gone", async ({ request }) => {
  for (const path of [
    "/sandbox",
    "/sandbox/api/state?as=9000000000101",
    `/sandbox/telegram/bot${DEFAULT_BOT.token}/getMe`,
    "/sandbox/stripe/v1/checkout/sessions",
  ]) {
    expect((await request.get(`${appUrl}${path}`)).status(), path).toBe(404);
  }
  const act = await request.post(`${appUrl}/sandbox/api/act`, {
    data: { action: "start", as: 9000000000101 },
  });
  expect(act.status()).toBe(404);
  // No banner and no test logins either.
  const login = await request.get(`${appUrl}/login`);
  expect(await login.text()).not.toContain("Open the Telegram sandbox");
});
