import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

// What Telegram's (legacy) Login Widget hands the page after the user confirms.
export const loginWidgetData = z.object({
  id: z.coerce.number().int().positive(),
  first_name: z.string().min(1),
  last_name: z.string().optional(),
  username: z.string().optional(),
  photo_url: z.url().optional(),
  auth_date: z.coerce.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type LoginWidgetData = z.infer<typeof loginWidgetData>;
export const loginWidgetFields = Object.keys(loginWidgetData.shape);

// A login older than this is refused: the widget hands the page a fresh payload at each click,
// which is posted at once, so a payload minutes old has been captured, not just used.
export const MAX_LOGIN_AGE_SECONDS = 5 * 60;

export type LoginCheck =
  | { ok: true; user: LoginWidgetData }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

/**
 * Checks a Login Widget payload as Telegram documents it: HMAC-SHA256 over the sorted
 * `key=value` lines of every field but `hash`, keyed with SHA-256(bot token), compared in
 * constant time; then that auth_date is recent. (@grammyjs/validator compares with ===, which
 * leaks timing, and has no freshness check, so this is done here.)
 */
export function checkLoginWidget(
  fields: Record<string, unknown>,
  botToken: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): LoginCheck {
  const parsed = loginWidgetData.safeParse(fields);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const { hash, ...signed } = fields as Record<string, unknown>;
  const dataCheckString = Object.keys(signed)
    .filter((key) => signed[key] !== undefined && signed[key] !== null)
    .sort()
    .map((key) => `${key}=${String(signed[key])}`)
    .join("\n");
  const secret = createHash("sha256").update(botToken).digest();
  const expected = createHmac("sha256", secret).update(dataCheckString).digest();
  const given = Buffer.from(String(hash), "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad_signature" };
  }
  const age = nowSeconds - parsed.data.auth_date;
  if (age > MAX_LOGIN_AGE_SECONDS || age < -300) return { ok: false, reason: "expired" };
  return { ok: true, user: parsed.data };
}

/** Signs a payload the way Telegram does: for tests and the sandbox's simulated login. */
export function signLoginWidget(fields: Omit<LoginWidgetData, "hash">, botToken: string) {
  const dataCheckString = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
  const secret = createHash("sha256").update(botToken).digest();
  const hash = createHmac("sha256", secret).update(dataCheckString).digest("hex");
  return { ...fields, hash };
}
