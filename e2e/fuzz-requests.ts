import { readFileSync } from "node:fs";
import Stripe from "stripe";

// The malformed requests the fuzz test sends: every route handler, page, server action and
// webhook of the build, each with the shapes of input an attacker or a broken client sends.

export interface FuzzRequest {
  /** What is being tried, for the report. */
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

// Values for ids in paths and fields: none of them names anything, several are not uuids, and
// some would upset PostgreSQL if they reached it unchecked (NUL, overlong, out of range).
const badIds = [
  "x",
  "%00",
  "%27%20or%201%3D1--",
  "..%2F..%2Fetc%2Fpasswd",
  "00000000-0000-0000-0000-000000000000",
  "-1",
  "9".repeat(40),
  "a".repeat(2000),
];
const badValues = [
  "",
  "\u0000",
  "x".repeat(5000),
  "99999999999999999999",
  "-1",
  "1e308",
  "NaN",
  "<script>alert(1)</script>",
  '=HYPERLINK("https://evil.example")',
  "2024-13-45",
  "🦄".repeat(300),
];
const badQueries = [
  "from=2024-13-45",
  "to=9999-99-99",
  "q=%00",
  "q=" + "x".repeat(3000),
  "status=nonsense",
  "page=-1",
  "page=1e9",
  "sort=%27",
  "callbackUrl=%",
  "callbackUrl=//evil.example",
  "callbackUrl=javascript:alert(1)",
  "%=%",
  "from[]=1&from[]=2",
];

/** Route handlers with their dynamic segments; each gets every method and bad id. */
const routes = [
  "/orders/{id}/invoice",
  "/orders/{id}/credit-notes/{id}",
  "/orders/export",
  "/settings/deploy-progress",
  "/api/health",
  "/api/invoices/{id}",
  "/api/credit-notes/{id}",
  "/api/ping",
  "/api/products",
  "/api/products/{id}",
  "/api/products/{id}/photo",
  "/api/products/{id}/photos/{id}",
  "/api/auth/session",
  "/api/auth/csrf",
  "/api/auth/providers",
  "/api/auth/signin/{id}",
  "/api/auth/callback/{id}",
  "/api/auth/callback/telegram-widget",
  "/api/auth/signout",
];
const pages = [
  "/",
  "/login",
  "/channels",
  "/monitoring",
  "/orders",
  "/orders/{id}",
  "/products",
  "/products/new",
  "/products/{id}",
  "/settings",
  "/checkout/success",
  "/checkout/cancelled",
];
const bodies: Array<{ name: string; type: string; body: string | Buffer }> = [
  { name: "not JSON", type: "application/json", body: "{not json" },
  { name: "JSON array", type: "application/json", body: "[1,2,3]" },
  { name: "JSON null", type: "application/json", body: "null" },
  {
    name: "wrong field types",
    type: "application/json",
    body: JSON.stringify({ title: 1, price: "1e308", stock: -5, currency: {}, status: [] }),
  },
  {
    name: "price beyond the column",
    type: "application/json",
    body: JSON.stringify({ title: "T", price: "99999999999.99", currency: "EUR" }),
  },
  {
    name: "NUL in text",
    type: "application/json",
    body: JSON.stringify({ title: "a\u0000b", description: "\u0000" }),
  },
  { name: "form garbage", type: "application/x-www-form-urlencoded", body: "a=%&b=%00&=&&" },
  { name: "binary", type: "application/octet-stream", body: Buffer.from([0, 255, 1, 254, 0]) },
];

/** Everything but server actions and webhooks (which need the build's ids and the secrets). */
export function routeAndPageRequests(): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  const withIds = (path: string) =>
    path.includes("{id}") ? badIds.map((id) => path.replace("{id}", id)) : [path];
  for (const route of routes) {
    for (const path of withIds(route)) {
      for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"]) {
        requests.push({ name: `${method} ${route}`, method, path });
      }
    }
    const path = route.replace("{id}", "00000000-0000-4000-8000-000000000000");
    for (const query of badQueries) {
      requests.push({ name: `GET ${route}?${query}`, method: "GET", path: `${path}?${query}` });
    }
    for (const method of ["POST", "PATCH"]) {
      for (const { name, type, body } of bodies) {
        requests.push({
          name: `${method} ${route} ${name}`,
          method,
          path,
          headers: { "content-type": type },
          body,
        });
      }
    }
  }
  for (const page of pages) {
    for (const path of withIds(page)) requests.push({ name: `GET ${page}`, method: "GET", path });
    for (const query of badQueries) {
      const path = page.replace("{id}", "x");
      requests.push({ name: `GET ${page}?${query}`, method: "GET", path: `${path}?${query}` });
    }
  }
  return requests;
}

interface ActionEntry {
  id: string;
  page: string;
  name: string;
}

/** The build's server actions with a page each is served from (its route, as a path). */
export function serverActions(manifestPath: string): ActionEntry[] {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    node: Record<
      string,
      { workers: Record<string, unknown>; exportedName?: string; filename?: string }
    >;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? "app/(dashboard)/page";
    const page =
      worker
        .replace(/^app/, "")
        .replace(/\/\([^)]+\)/g, "")
        .replace(/\/page$/, "")
        .replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000") || "/";
    return { id, page, name: `${entry.filename ?? "?"}#${entry.exportedName ?? id}` };
  });
}

/** Each action called with argument shapes it does not expect, and with bad form fields. */
export function serverActionRequests(actions: ActionEntry[], origin: string): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  const argumentLists = [
    "[]",
    "[null]",
    '["x"]',
    "[1e308]",
    '[{"id":"x"}]',
    '["x","y","z"]',
    "not json",
    JSON.stringify(["\u0000", "a".repeat(10_000)]),
  ];
  for (const action of actions) {
    const headers = { "next-action": action.id, origin, accept: "text/x-component" };
    for (const args of argumentLists) {
      requests.push({
        name: `action ${action.name} args ${args.slice(0, 20)}`,
        method: "POST",
        path: action.page,
        headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
        body: args,
      });
    }
    for (const value of badValues) {
      const form = new URLSearchParams();
      for (const field of [
        "id",
        "orderId",
        "productId",
        "price",
        "stock",
        "title",
        "tracking",
        "trackingNumber",
        "name",
        "channel",
        "tag",
        "amount",
        "status",
        "from",
        "to",
        "q",
      ]) {
        form.set(field, value);
      }
      requests.push({
        name: `action ${action.name} form ${JSON.stringify(value.slice(0, 12))}`,
        method: "POST",
        path: action.page,
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
      });
    }
    requests.push({
      name: `action ${action.name} from another site`,
      method: "POST",
      path: action.page,
      headers: {
        ...headers,
        origin: "https://evil.example",
        "content-type": "text/plain;charset=UTF-8",
      },
      body: "[]",
    });
    requests.push({
      name: `action ${action.name} unknown id`,
      method: "POST",
      path: action.page,
      headers: {
        ...headers,
        "next-action": "00".repeat(21),
        "content-type": "text/plain;charset=UTF-8",
      },
      body: "[]",
    });
  }
  return requests;
}

/** The webhooks with the right secret and wrong bodies, and with wrong or missing secrets. */
export function webhookRequests(secrets: { telegram: string; stripe: string }): FuzzRequest[] {
  const telegram = (name: string, body: string, secret = secrets.telegram): FuzzRequest => ({
    name: `telegram webhook ${name}`,
    method: "POST",
    path: "/api/telegram/webhook",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body,
  });
  const signed = (payload: string) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret: secrets.stripe });
  const stripe = (
    name: string,
    body: string,
    signature: string | undefined = signed(body),
  ): FuzzRequest => ({
    name: `stripe webhook ${name}`,
    method: "POST",
    path: "/api/stripe/webhook",
    headers: {
      "content-type": "application/json",
      ...(signature ? { "stripe-signature": signature } : {}),
    },
    body,
  });
  const message = (text: unknown) =>
    JSON.stringify({
      update_id: 900_000_000 + Math.floor(Math.random() * 1_000_000),
      message: {
        message_id: 1,
        date: 1,
        chat: { id: 5, type: "private" },
        from: { id: 5, is_bot: false, first_name: "F" },
        text,
      },
    });
  const event = (patch: Record<string, unknown>) =>
    JSON.stringify({
      id: `evt_fuzz_${Math.random().toString(36).slice(2)}`,
      object: "event",
      type: "checkout.session.completed",
      data: { object: { id: "cs_x", object: "checkout.session" } },
      ...patch,
    });
  return [
    telegram("wrong secret", message("hi"), "wrong-secret-wrong-secret"),
    telegram("no secret", message("hi"), ""),
    telegram("not JSON", "{not json"),
    telegram("JSON array", "[]"),
    telegram("JSON null", "null"),
    telegram("missing update_id", JSON.stringify({ message: { text: "x" } })),
    telegram("update_id a string", JSON.stringify({ update_id: "x" })),
    telegram("update_id negative", JSON.stringify({ update_id: -1 })),
    telegram("update_id beyond 2^53", '{"update_id": 99999999999999999999999}'),
    telegram("NUL in text", message("a\u0000b")),
    telegram("text an object", message({ nested: true })),
    telegram(
      "chat missing",
      JSON.stringify({ update_id: 900_000_001, message: { text: "/start" } }),
    ),
    telegram(
      "callback without data",
      JSON.stringify({ update_id: 900_000_002, callback_query: { id: "1", from: { id: 5 } } }),
    ),
    telegram(
      "callback with garbage data",
      JSON.stringify({
        update_id: 900_000_003,
        callback_query: {
          id: "1",
          from: { id: 5, is_bot: false, first_name: "F" },
          chat_instance: "1",
          data: "\u0000".repeat(64),
        },
      }),
    ),
    stripe("unsigned", event({}), undefined),
    stripe("bad signature", event({}), "t=1,v1=deadbeef"),
    stripe("garbage signature", event({}), "%%%"),
    stripe("not JSON", "{not json"),
    stripe("JSON array", "[]"),
    stripe("no type", event({ type: undefined })),
    stripe("no id", event({ id: undefined })),
    stripe("data null", event({ data: null })),
    stripe("object null", event({ data: { object: null } })),
    stripe("unknown type", event({ type: "fuzz.nothing" })),
    stripe(
      "paid session of no order",
      event({
        data: {
          object: {
            id: "cs_fuzz",
            object: "checkout.session",
            payment_status: "paid",
            metadata: { orderId: "x" },
          },
        },
      }),
    ),
    stripe(
      "refund of nothing",
      event({
        type: "charge.refunded",
        data: { object: { id: "ch_x", object: "charge", payment_intent: null } },
      }),
    ),
    stripe(
      "NUL inside",
      event({ data: { object: { id: "cs_\u0000", object: "checkout.session" } } }),
    ),
  ];
}
