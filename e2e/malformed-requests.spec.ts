import { readFileSync } from "node:fs";
import {
  expect,
  test,
  type APIRequestContext,
  type APIResponse,
  type Page,
} from "@playwright/test";
import sharp from "sharp";
import {
  eventually,
  setWebhook,
  STRIPE_KEY,
  STRIPE_WEBHOOK_SECRET,
  WEBHOOK_SECRET,
} from "./live-shop";
import { logInAsSandboxSeller } from "./login";
import { mainPort } from "./ports";
import { serveStandIn } from "./stand-ins/http-server";
import { createStripeStandIn } from "./stand-ins/stripe-api";
import { createTelegramStandIn, LIVE_BOT } from "./stand-ins/telegram-bot-api";
import { startStandaloneApp } from "./standalone-app";

// Malformed requests at every edge of the built bundle, each answered 4xx or with the page's
// own message, never 5xx or a dropped connection.
//
// Server actions are called as React's client calls them: a multipart POST to a page that uses
// the action, with the action's id in `Next-Action`. The arguments go as React's encodeReply
// writes them: a FormData argument's fields as `_<n>_<name>`, then the root `0` listing the
// arguments (`"$K1"` is FormData 1). The root must come last: the server decodes it as it
// streams in and resolves `$K1` from the fields already read. An action's id changes with
// every build, so it is looked up in the bundle's own manifest by file and export name.

test.use({ locale: "en-US" });

const manifest = JSON.parse(
  readFileSync(".next/standalone/.next/server/server-reference-manifest.json", "utf8"),
) as { node: Record<string, { filename: string; exportedName: string }> };

function actionId(filename: string, exportedName: string): string {
  const found = Object.entries(manifest.node).find(
    ([, action]) => action.filename === filename && action.exportedName === exportedName,
  );
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}`);
  return found[0];
}

const actions = {
  order: ["app/(dashboard)/orders/actions.ts", "orderAction", "/orders"],
  bulkOrder: ["app/(dashboard)/orders/actions.ts", "bulkOrderAction", "/orders"],
  saveProduct: ["app/(dashboard)/products/actions.ts", "saveProduct", "/products/new"],
  uploadPhoto: ["app/(dashboard)/products/actions.ts", "uploadProductPhotoAction", "/products/new"],
  archiveProduct: ["app/(dashboard)/products/actions.ts", "archiveProductAction", "/products/new"],
  publish: ["app/(dashboard)/products/actions.ts", "publishToChannel", "/products/new"],
  deletePost: ["app/(dashboard)/products/actions.ts", "deletePostAction", "/products/new"],
  revokeToken: ["app/(dashboard)/settings/actions.ts", "revokeTokenAction", "/settings"],
} as const;

type FormValue = string | { name: string; mimeType: string; buffer: Buffer };

/**
 * Calls a server action: `form` is its FormData argument, after `state` for a form action of
 * useActionState (state, form), alone for a plain form action (form); `args` are plain ones.
 */
function callAction(
  request: APIRequestContext,
  name: keyof typeof actions,
  call: { state?: unknown; form?: Record<string, FormValue>; args?: unknown[] },
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  const [file, exported, path] = actions[name];
  const multipart = new FormData();
  for (const [field, value] of Object.entries(call.form ?? {})) {
    if (typeof value === "string") multipart.append(`_1_${field}`, value);
    else {
      const file = new Blob([new Uint8Array(value.buffer)], { type: value.mimeType });
      multipart.append(`_1_${field}`, file, value.name);
    }
  }
  const args = call.args ?? [...("state" in call ? [call.state] : []), "$K1"];
  multipart.append("0", JSON.stringify(args));
  return request.post(path, {
    headers: { "Next-Action": actionId(file, exported), Accept: "text/x-component", ...headers },
    multipart,
    maxRedirects: 0,
  });
}

/** What the action returned, read off React's answer (the row the root's `a` points at). */
async function actionResult(response: APIResponse): Promise<unknown> {
  const body = await response.text();
  const row = (id: string) => new RegExp(`^${id}:(.*)$`, "m").exec(body)?.[1];
  const root = JSON.parse(row("0") ?? "{}") as { a?: string };
  const result = row(root.a?.slice(2) ?? "") ?? "";
  if (result === '"$undefined"') return undefined;
  return result.startsWith("E") ? { thrown: JSON.parse(result.slice(1)) } : JSON.parse(result);
}

async function signedInSeller(page: Page) {
  await logInAsSandboxSeller(page);
  return page.request;
}

test("server actions given ids that are not ids answer as for an unknown one", async ({ page }) => {
  const request = await signedInSeller(page);
  const answers = {
    ship: await callAction(request, "order", {
      state: {},
      form: { orderId: "not-a-uuid", action: "ship", tracking: "" },
    }),
    refund: await callAction(request, "order", {
      state: {},
      form: { orderId: "1 or 1=1", action: "refund", tracking: "" },
    }),
    bulk: await callAction(request, "bulkOrder", {
      state: {},
      form: { orderId: "not-a-uuid", to: "shipped" },
    }),
    deletePost: await callAction(request, "deletePost", {
      form: { postId: "not-a-uuid", productId: "not-a-uuid" },
    }),
    revokeToken: await callAction(request, "revokeToken", { form: { id: "not-a-uuid" } }),
    archive: await callAction(request, "archiveProduct", { form: { id: "not-a-uuid" } }),
    publish: await callAction(request, "publish", { args: ["not-a-uuid", "not-a-uuid"] }),
  };
  for (const [name, response] of Object.entries(answers)) {
    expect(response.status(), name).toBeLessThan(500);
  }
  expect(await actionResult(answers.ship)).toEqual({ message: "cannot" });
  expect(await actionResult(answers.refund)).toEqual({ message: "cannot" });
  expect(await actionResult(answers.bulk)).toEqual({ changed: 0, skipped: 1 });
  expect(await actionResult(answers.deletePost)).toBeUndefined();
  expect(await actionResult(answers.revokeToken)).toBeUndefined();
  expect(await actionResult(answers.publish)).toBeUndefined();
  // Not found, as the page of a product that does not exist.
  expect(await actionResult(answers.archive)).toEqual({
    thrown: { digest: "NEXT_HTTP_ERROR_FALLBACK;404" },
  });
});

test("a tracking number over 100 characters and a price over the column are refused at their fields", async ({
  page,
}) => {
  const request = await signedInSeller(page);
  const tracking = await callAction(request, "order", {
    state: {},
    form: {
      orderId: "00000000-0000-4000-8000-000000000000",
      action: "ship",
      tracking: "T".repeat(101),
    },
  });
  expect(tracking.status()).toBe(200);
  expect(await actionResult(tracking)).toEqual({ trackingError: "tooLong" });

  // €21,474,836.48 is one cent past what the price's integer column holds.
  const price = await callAction(request, "saveProduct", {
    state: {},
    form: { id: "", title: "Gold Record", price: "21474836.48", currency: "EUR", stock: "" },
  });
  expect(price.status()).toBe(200);
  expect(await actionResult(price)).toMatchObject({ errors: { price: { key: "priceTooHigh" } } });

  await page.goto("/products/new");
  await page.getByLabel("Title").fill("Gold Record");
  await page.getByLabel("Price").fill("21474836.48");
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByText("The price can be at most 999,999.99")).toBeVisible();
});

test("the products API names a price over the column and text it cannot store", async ({
  page,
  request,
}) => {
  await logInAsSandboxSeller(page);
  await page.goto("/settings/developers");
  await page.getByLabel("Token name").fill("Malformed input");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByRole("status").locator("code").textContent()) ?? "";
  const post = (data: Record<string, unknown>) =>
    request.post("/api/products", { headers: { authorization: `Bearer ${token}` }, data });

  const tooDear = await post({ title: "Gold Record", price: "21474836.48" });
  expect(tooDear.status()).toBe(422);
  expect(await tooDear.json()).toEqual({
    errors: { price: "The price can be at most 999,999.99 (the most Stripe charges)." },
  });
  const nul = await post({ title: "Tote\u0000Bag", price: "12.00" });
  expect(nul.status()).toBe(422);
  expect(await nul.json()).toEqual({
    errors: { title: "Remove the control characters (NUL) from this text." },
  });
});

test("the orders page says which filter it could not apply; the export refuses it before streaming", async ({
  page,
}) => {
  const request = await signedInSeller(page);
  const shown = await page.goto("/orders?from=2024-13-45&status=paid");
  expect(shown?.status()).toBe(200);
  // Next's route announcer is an alert too: the filters' own is the one naming a filter.
  const filterAlert = page.getByRole("alert").filter({ hasText: /^(From|To|Search):/ });
  await expect(filterAlert).toContainText("From: there is no such date");
  // The orders table, not an error in its place.
  const table = () => page.getByRole("table");
  await expect(table()).toBeVisible();
  // The export link carries the view as shown: the status, not the impossible date.
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
    "href",
    "/orders/export?status=paid",
  );

  await page.goto("/orders?q=%00");
  await expect(filterAlert).toContainText(
    "Search: contains a character that cannot be searched for.",
  );
  await expect(table()).toBeVisible();

  const badDate = await request.get("/orders/export?from=2024-13-45");
  expect(badDate.status()).toBe(400);
  expect(await badDate.json()).toEqual({
    errors: { from: "there is no such date (enter it as YYYY-MM-DD)." },
  });
  const nul = await request.get("/orders/export?q=%00");
  expect(nul.status()).toBe(400);
  expect(await nul.json()).toEqual({
    errors: { q: "contains a character that cannot be searched for." },
  });
  const badShop = await request.get("/orders/export?shop=1%20OR%201%3D1");
  expect(badShop.status()).toBe(400);
  expect(await badShop.json()).toEqual({ errors: { shop: "there is no such shop." } });
  const fine = await request.get("/orders/export?from=2024-02-29");
  expect(fine.status()).toBe(200);
  expect(await fine.text()).toContain("number,created_at,status");
});

test("signing in with a malformed or foreign callbackUrl lands on the app, never elsewhere", async ({
  request,
  baseURL,
}) => {
  expect((await request.get("/login?callbackUrl=%")).status()).toBe(200);
  for (const callbackUrl of [
    "%",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "javascript:alert(document.cookie)",
  ]) {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    const signedIn = await request.post("/api/auth/callback/sandbox", {
      form: { csrfToken, as: "seller", callbackUrl, json: "true" },
    });
    expect(signedIn.status(), callbackUrl).toBe(200);
    expect(await signedIn.json(), callbackUrl).toEqual({ url: baseURL });
  }
});

test("a server action from another site is 403 and one over 11 MB is 413, not 500", async ({
  page,
}) => {
  const request = await signedInSeller(page);
  const product = { id: "", title: "Poster", price: "15.00", currency: "EUR", stock: "" };
  const foreign = await callAction(
    request,
    "saveProduct",
    { state: {}, form: product },
    { Origin: "https://evil.example" },
  );
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).toContain("server actions are same-origin only");
  // A form posted before the page's JavaScript loaded (no Next-Action header) is one too.
  const plainForm = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    multipart: { name: "value" },
  });
  expect(plainForm.status()).toBe(403);

  const photo = (megabytes: number) => ({
    name: "poster.png",
    mimeType: "image/png",
    buffer: Buffer.alloc(megabytes * 1024 * 1024),
  });
  // Photos go up one per request (the gallery editor's upload action).
  const tooLarge = await callAction(request, "uploadPhoto", { form: { photo: photo(12) } });
  expect(tooLarge.status()).toBe(413);
  expect(await tooLarge.text()).toContain("larger than 11 MB");
  // Just inside the limit, the action gets the whole form (not a copy cut short) and answers
  // why the photo itself was refused.
  const largest = await callAction(request, "uploadPhoto", { form: { photo: photo(10.5) } });
  expect(largest.status()).toBe(200);
  expect(await actionResult(largest)).toEqual({ ok: false, error: "photoTooLarge" });
});

test("a photo that is also a web page is served as only a picture, with nosniff", async ({
  page,
}) => {
  const request = await signedInSeller(page);
  const png = await sharp({
    create: { width: 64, height: 48, channels: 3, background: "#c0392b" },
  })
    .png()
    .toBuffer();
  const polyglot = Buffer.concat([
    png,
    Buffer.from("<html><body><script>alert(document.cookie)</script></body></html>"),
  ]);
  await page.goto("/products/new");
  await page.getByLabel("Title").fill("Polyglot Poster");
  await page.getByLabel("Price").fill("15");
  await page
    .getByLabel("Photo")
    .setInputFiles({ name: "poster.png", mimeType: "image/png", buffer: polyglot });
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page).toHaveURL(/\/products\?saved=[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: "Polyglot Poster" }).click();
  await expect(page).toHaveURL(/\/products\/[0-9a-f-]{36}$/);
  const productId = /\/products\/([0-9a-f-]{36})$/.exec(page.url())?.[1];

  const served = await request.get(`/api/products/${productId}/photo`);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  const bytes = await served.body();
  expect(bytes.includes("<script")).toBe(false);
  expect(await sharp(bytes).metadata()).toMatchObject({ format: "png", width: 64, height: 48 });
});

test("the Telegram webhook refuses a signed body without update_id and takes a NUL in a message", async ({}, testInfo) => {
  test.setTimeout(90_000);
  const telegram = createTelegramStandIn();
  const telegramServer = await serveStandIn(telegram.handle);
  const stripeServer = await serveStandIn(createStripeStandIn(STRIPE_KEY).handle);
  // A live shop of its own (Telegram's webhook secret is one the test knows), on the port
  // after the main server's, with an embedded database.
  const app = await startStandaloneApp(
    mainPort + 1,
    {
      TELEGRAM_BOT_TOKEN: LIVE_BOT.token,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_ROOT: telegramServer.url,
      STRIPE_SECRET_KEY: STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET,
      STRIPE_API_BASE: stripeServer.url,
    },
    { echo: false },
  );
  try {
    const webhook = `${app.url}/api/telegram/webhook`;
    const secret = { "x-telegram-bot-api-secret-token": WEBHOOK_SECRET };
    const noUpdateId = await fetch(webhook, {
      method: "POST",
      headers: { ...secret, "content-type": "application/json" },
      body: JSON.stringify({ message: { text: "hello" } }),
    });
    expect(noUpdateId.status).toBe(400);
    expect(await noUpdateId.json()).toEqual({ error: "body is not an update" });

    await setWebhook(telegramServer.url, app.url);
    const buyer = { id: 930_000_001, is_bot: false, first_name: "Nul", language_code: "en" };
    const delivery = telegram.userSends(buyer, "/start\u0000\u0000");
    await eventually(() => Boolean(delivery.acknowledgedAt), "the update acknowledged", 30_000);
    // The payload after /start is now "\uFFFD\uFFFD", no product's: the bot says so.
    await eventually(() => telegram.botMessages(buyer.id).length > 0, "the bot's answer", 30_000);
    const answers = telegram.botMessages(buyer.id).map((message) => message.text);
    expect(answers).toEqual([expect.stringContaining("Sorry, I cannot find this product.")]);
    // Taken at the first try: no 500, so Telegram has nothing to send again.
    expect(delivery.tries).toEqual([200]);
  } finally {
    telegram.stop();
    await testInfo.attach("app.log", { body: app.output().join("\n") });
    await app.stop();
    await Promise.all([telegramServer.close(), stripeServer.close()]);
  }
});
