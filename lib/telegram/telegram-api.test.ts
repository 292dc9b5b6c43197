import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { users } from "@/db/schema/users";
import { monitoringOverview } from "@/lib/monitoring/monitoring-overview";
import { settleMonitorWrites } from "@/lib/platform/monitor-events";
import { DEFAULT_BOT } from "@/sandbox/telegram/simulator";
import { migratedTestDatabase } from "@/test/database";
import { createTelegramApi } from "./telegram-api";

let connection: DatabaseConnection;
let silent: Server;
let apiRoot: string;

beforeAll(async () => {
  connection = await migratedTestDatabase("unanswered_telegram_calls");
  // Takes the connection and never answers, as `next dev` does while it compiles a route.
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  apiRoot = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterAll(async () => {
  silent.closeAllConnections();
  silent.close();
  await connection.close();
});

async function telegramFailuresShown() {
  await settleMonitorWrites();
  const [admin] = await connection.db
    .insert(users)
    .values({ telegramId: 90_000 + Math.floor(Math.random() * 9999), name: "Ada", role: "admin" })
    .returning();
  return (await monitoringOverview(connection.db, admin!))?.apiErrors.telegram.day;
}

const unanswered = (api: ReturnType<typeof createTelegramApi>) =>
  expect(api.getWebhookInfo(AbortSignal.timeout(300) as never)).rejects.toThrow();

it("does not show a sandbox's unanswered call to its own simulator as a failed Telegram call", async () => {
  const sandbox = createTelegramApi(
    { token: DEFAULT_BOT.token, apiRoot },
    connection.db,
    undefined,
    {
      countUnanswered: false,
    },
  );
  await unanswered(sandbox);
  expect(await telegramFailuresShown()).toBe(0);

  // A live shop's unanswered call to Telegram is a failure and is shown.
  const live = createTelegramApi({ token: DEFAULT_BOT.token, apiRoot }, connection.db);
  await unanswered(live);
  expect(await telegramFailuresShown()).toBe(1);
});
