import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLoginWidget, signLoginWidget } from "./telegram-login";

const token = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const now = 1_800_000_000;
const widget = { id: 42, first_name: "Ada", username: "ada", auth_date: now - 60 };

// Independent of signLoginWidget: the recipe exactly as Telegram's documentation states it.
function telegramHash(fields: Record<string, string | number>) {
  const lines = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("\n");
  const key = createHash("sha256").update(token).digest();
  return createHmac("sha256", key).update(lines).digest("hex");
}

describe("Telegram Login Widget check", () => {
  it("accepts a payload signed with the bot token", () => {
    const payload = { ...widget, hash: telegramHash(widget) };
    expect(checkLoginWidget(payload, token, now)).toMatchObject({ ok: true, user: { id: 42 } });
    expect(signLoginWidget(widget, token).hash).toBe(payload.hash);
  });

  it("accepts the string form a browser posts", () => {
    const payload = { ...widget, hash: telegramHash(widget) };
    const asStrings = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, String(v)]));
    expect(checkLoginWidget(asStrings, token, now).ok).toBe(true);
  });

  it("refuses a changed field, another bot's signature, and a missing hash", () => {
    const payload = { ...widget, hash: telegramHash(widget) };
    expect(checkLoginWidget({ ...payload, id: 43 }, token, now)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(checkLoginWidget(payload, "654321:other-bot-token-xxxxxxxxxxxxx", now).ok).toBe(false);
    expect(checkLoginWidget({ ...widget }, token, now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a login older than five minutes: a captured payload is soon worthless", () => {
    const old = { ...widget, auth_date: now - 6 * 60 };
    expect(checkLoginWidget({ ...old, hash: telegramHash(old) }, token, now)).toEqual({
      ok: false,
      reason: "expired",
    });
    const recent = { ...widget, auth_date: now - 4 * 60 };
    expect(checkLoginWidget({ ...recent, hash: telegramHash(recent) }, token, now).ok).toBe(true);
  });
});
