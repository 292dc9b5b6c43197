import { describe, expect, it } from "vitest";
import { parseSettings, SettingsError } from "./env";

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseSettings(source);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error("expected the settings to be rejected");
}

describe("settings", () => {
  it("runs on the embedded default with nothing set", () => {
    const config = parseSettings({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe(".data");
    expect(config.LOG_LEVEL).toBe("info");
  });

  it("treats an empty value as unset", () => {
    expect(parseSettings({ DATABASE_URL: "", DATABASE_DRIVER: "" }).DATABASE_URL).toBeUndefined();
  });

  it("accepts a postgres URL", () => {
    const url = "postgres://shop:pw@db.example.com:5432/shop";
    expect(parseSettings({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it("names a malformed DATABASE_URL and says how to fix it", () => {
    const [problem] = problemsOf({ DATABASE_URL: "not-a-url" });
    expect(problem).toMatch(/^DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(problem).toContain("unset it to use the embedded PGlite database");
  });

  it("lists every problem at once, one per setting", () => {
    const problems = problemsOf({
      DATABASE_URL: "mysql://root:hunter2@db/shop",
      DATABASE_DRIVER: "sqlite",
      LOG_LEVEL: "loud",
    });
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "DATABASE_URL",
      "DATABASE_DRIVER",
      "LOG_LEVEL",
    ]);
  });

  it("never repeats a rejected value, which may be a secret", () => {
    const error = (() => {
      try {
        parseSettings({ DATABASE_URL: "mysql://root:hunter2@db/shop", LOG_LEVEL: "s3cr3t" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain("2 setting(s) need fixing");
    expect(error?.message).not.toContain("hunter2");
    expect(error?.message).not.toContain("s3cr3t");
  });

  it("requires the webhook secrets that go with the bot token and the Stripe key", () => {
    const problems = problemsOf({
      TELEGRAM_BOT_TOKEN: "123456:AAEexampleexampleexampleexample",
      STRIPE_SECRET_KEY: "sk_test_abc123",
    });
    expect(problems).toEqual([
      expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET: is required with TELEGRAM_BOT_TOKEN/),
      expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: is required with STRIPE_SECRET_KEY/),
    ]);
  });

  it("defaults the API roots to Telegram's and Stripe's, which tests override", () => {
    expect(parseSettings({})).toMatchObject({
      TELEGRAM_API_ROOT: "https://api.telegram.org",
      STRIPE_API_BASE: "https://api.stripe.com",
    });
    expect(parseSettings({ TELEGRAM_API_ROOT: "http://127.0.0.1:9000" }).TELEGRAM_API_ROOT).toBe(
      "http://127.0.0.1:9000",
    );
  });
});
