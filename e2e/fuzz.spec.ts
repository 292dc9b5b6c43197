import path from "node:path";
import { expect, test } from "@playwright/test";
import { signLoginWidget } from "@/lib/auth/telegram-login";
import { startPostgres, type PostgresServer } from "@/test/postgres-server";
import {
  routeAndPageRequests,
  serverActionRequests,
  serverActions,
  webhookRequests,
  type FuzzRequest,
} from "./fuzz-requests";
import {
  attachOutput,
  freshDatabase,
  liveSettings,
  report,
  startLiveCopy,
  STRIPE_KEY,
  STRIPE_WEBHOOK_SECRET,
  WEBHOOK_SECRET,
  type LiveApp,
} from "./live-shop";
import { specPort } from "./ports";
import { serveStandIn, type StandInServer } from "./stand-ins/http-server";
import { createStripeStandIn } from "./stand-ins/stripe-api";
import { createTelegramStandIn, LIVE_BOT } from "./stand-ins/telegram-bot-api";

// A few thousand malformed requests against every route handler, page, server action and
// webhook of the bundle the container runs, in live mode, signed in and signed out: none may
// answer 5xx or drop the connection, and the app must be serving afterwards.

const PORT = specPort(140);
const PARALLEL = 8;

let postgres: PostgresServer;
let telegramServer: StandInServer;
let stripeServer: StandInServer;
const copies: Record<string, LiveApp | undefined> = {};

test.beforeAll(async () => {
  test.setTimeout(60_000);
  postgres = await startPostgres();
  telegramServer = await serveStandIn(createTelegramStandIn().handle);
  stripeServer = await serveStandIn(createStripeStandIn(STRIPE_KEY).handle);
});

test.afterAll(async () => {
  await Promise.all([telegramServer?.close(), stripeServer?.close()]);
  await postgres?.stop();
});

test.afterEach(async ({}, testInfo) => {
  await attachOutput(testInfo, copies);
  await copies.app?.stop();
  delete copies.app;
});

interface Answer {
  request: FuzzRequest;
  status: number | "dropped";
  detail?: string;
}

async function send(base: string, request: FuzzRequest, cookie?: string): Promise<Answer> {
  try {
    const response = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
      body:
        typeof request.body === "string"
          ? request.body
          : request.body && new Uint8Array(request.body),
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    // Read to the end: a stream cut off midway is a dropped answer too.
    const text = await response.text();
    return { request, status: response.status, detail: text.slice(0, 200) };
  } catch (error) {
    return { request, status: "dropped", detail: String((error as Error).cause ?? error) };
  }
}

async function sendAll(base: string, requests: FuzzRequest[], cookie?: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < requests.length) {
        const request = requests[next++];
        if (request) answers.push(await send(base, request, cookie));
      }
    }),
  );
  return answers;
}

/** Signs in through the Login Widget as Telegram would; the first user is the shop's admin. */
async function adminCookie(base: string): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const payload = signLoginWidget(
    { id: 777_000_001, first_name: "Fuzz", auth_date: Math.floor(Date.now() / 1000) },
    LIVE_BOT.token,
  );
  const form = new URLSearchParams({
    ...payload,
    id: String(payload.id),
    auth_date: String(payload.auth_date),
    csrfToken,
    json: "true",
  });
  const response = await fetch(`${base}/api/auth/callback/telegram-widget`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: form,
    redirect: "manual",
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`login failed: ${response.status}`);
  return session;
}

test("a few thousand malformed requests: no 5xx, nothing dropped, the app still serves", async ({}, testInfo) => {
  test.setTimeout(600_000);
  const databaseUrl = await freshDatabase(postgres, "live_fuzz");
  copies.app = await startLiveCopy(PORT, {
    ...liveSettings({ databaseUrl, telegramUrl: telegramServer.url, stripeUrl: stripeServer.url }),
    LOG_LEVEL: "warn",
  });
  const base = copies.app.url;
  const cookie = await adminCookie(base);
  const actions = serverActions(path.resolve(".next/server/server-reference-manifest.json"));
  const everything = [
    ...routeAndPageRequests(),
    ...serverActionRequests(actions, base),
    ...webhookRequests({ telegram: WEBHOOK_SECRET, stripe: STRIPE_WEBHOOK_SECRET }),
  ];
  const signedIn = await sendAll(base, everything, cookie);
  const signedOut = await sendAll(base, everything);
  const answers = [...signedIn, ...signedOut];

  const failures = answers.filter(({ status }) => status === "dropped" || status >= 500);
  const byStatus: Record<string, number> = {};
  for (const { status } of answers) byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
  report(testInfo, {
    requests: answers.length,
    serverActions: actions.length,
    byStatus: JSON.stringify(byStatus),
    failures: failures.length,
  });
  for (const { request, status, detail } of failures.slice(0, 60)) {
    console.log(
      `FUZZ ${status} ${request.name} ${request.path.slice(0, 100)} :: ${detail?.slice(0, 160)}`,
    );
  }
  expect(
    failures.map(({ request, status }) => `${status} ${request.name} ${request.path.slice(0, 80)}`),
  ).toEqual([]);
  expect(answers.length).toBeGreaterThan(1000);
  expect((await fetch(`${base}/api/health`)).status).toBe(200);
});
