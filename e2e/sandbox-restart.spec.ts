import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { specPort } from "./ports";
import { startStandaloneApp } from "./standalone-app";

const port = specPort(60);
const anna = 9_000_000_000_101;

// The embedded database outlives a restart; the simulated Telegram and Stripe must too, or
// the dashboard would list posts and orders the sandbox no longer shows.
test("a restarted sandbox keeps its chats and channel, and the bot still answers", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "promo-sandbox-restart-"));
  const state = async (url: string) =>
    (await (await request.get(`${url}/sandbox/api/state?as=${anna}`)).json()) as {
      chat: Array<{ text: string; fromBot: boolean }>;
    };

  let before: Array<{ text: string; fromBot: boolean }> = [];
  let app = await startStandaloneApp(port, { DATA_DIR: dataDir });
  try {
    const started = await request.post(`${app.url}/sandbox/api/act`, {
      data: { action: "start", as: anna },
    });
    expect(await started.json()).toEqual({ ok: true });
    // The webhook stores the update and answers; the bot replies a moment later.
    await expect
      .poll(async () => (await state(app.url)).chat.map((message) => message.fromBot))
      .toEqual([false, true]);
    before = (await state(app.url)).chat;
    // Saving is batched; give it a moment, as anyone does before stopping a server.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  } finally {
    await app.stop();
  }

  app = await startStandaloneApp(port, { DATA_DIR: dataDir });
  try {
    expect((await state(app.url)).chat).toEqual(before);
    // New updates must not look like replays of the ones the bot handled before the restart.
    const sent = await request.post(`${app.url}/sandbox/api/act`, {
      data: { action: "send", as: anna, text: "/status" },
    });
    expect(await sent.json()).toEqual({ ok: true });
    await expect.poll(async () => (await state(app.url)).chat.length).toBe(4);
    const chat = (await state(app.url)).chat;
    expect(chat.at(-1)?.fromBot).toBe(true);
    expect(chat.at(-1)?.text).toContain("noch keine Bestellungen");
  } finally {
    await app.stop();
  }
});
