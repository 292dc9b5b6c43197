import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { inbox } from "@/db/schema/inbox";
import { migratedTestDatabase } from "@/test/database";
import { answerTelegramWebhook } from "./receive-update";

const SECRET = "edges-telegram-secret";
let connection: DatabaseConnection;
beforeAll(async () => {
  connection = await migratedTestDatabase("telegram_webhook_edges");
});
afterAll(() => connection.close());

function endlessBody() {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(64 * 1024));
    },
  });
  return { body, pulled: () => pulled };
}

const post = (body: BodyInit, secret?: string) =>
  answerTelegramWebhook(
    new Request("http://app/api/telegram/webhook", {
      method: "POST",
      body,
      headers: secret ? { "x-telegram-bot-api-secret-token": secret } : {},
      duplex: "half",
    } as RequestInit),
    { secretToken: SECRET, db: connection.db },
  );

describe("the Telegram webhook at its edges", () => {
  it("refuses a wrong secret without reading the body", async () => {
    const { body, pulled } = endlessBody();
    expect((await post(body, "wrong")).status).toBe(401);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops reading a body past a megabyte and answers 413", async () => {
    const { body, pulled } = endlessBody();
    expect((await post(body, SECRET)).status).toBe(413);
    expect(pulled()).toBeLessThan(40);
  });

  it("takes an update of ordinary size", async () => {
    const update = JSON.stringify({ update_id: 77, message: { text: "x".repeat(4096) } });
    expect((await post(update, SECRET)).status).toBe(200);
  });

  it("takes a message with a NUL character once, instead of failing until Telegram gives up", async () => {
    // Anyone can send the bot a NUL; jsonb refuses it, and a 500 has Telegram send it again
    // for a day. It is kept as U+FFFD, the same length, so the message's entities still fit.
    const text = "/start\u0000\u0000hi";
    const update = JSON.stringify({
      update_id: 78,
      message: { text, entities: [{ type: "bot_command", offset: 0, length: 6 }] },
    });
    expect((await post(update, SECRET)).status).toBe(200);
    expect((await post(update, SECRET)).status).toBe(200);
    const [row] = await connection.db.select().from(inbox).where(eq(inbox.externalId, "78"));
    expect((row?.payload as { message: { text: string } }).message.text).toBe(
      "/start\uFFFD\uFFFDhi",
    );
  });
});
