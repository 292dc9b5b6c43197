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

  it("takes PUBLIC_URL from the port listened on when it is not set", () => {
    expect(parseSettings({}).PUBLIC_URL).toBe("http://localhost:3000");
    expect(parseSettings({ PORT: "4300" })).toMatchObject({
      PUBLIC_URL: "http://localhost:4300",
      publicUrlIsLocal: true,
    });
    expect(parseSettings({ PORT: "4300", PUBLIC_URL: "https://shop.example.com" })).toMatchObject({
      PUBLIC_URL: "https://shop.example.com",
      publicUrlIsLocal: false,
    });
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

  it("takes the ECS service to deploy by name or ARN, and the image repository without a tag", () => {
    const config = parseSettings({
      ECS_CLUSTER: "arn:aws:ecs:eu-central-1:123456789012:cluster/promo",
      ECS_SERVICE: "arn:aws:ecs:eu-central-1:123456789012:service/promo/promo-web",
      DEPLOY_IMAGE_REPOSITORY: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/promo-bot",
    });
    expect(config.AWS_REGION).toBe("eu-central-1");
    expect(config.ECS_ENDPOINT).toBeUndefined();
    expect(
      parseSettings({
        ECS_CLUSTER: "promo",
        ECS_SERVICE: "promo-web",
        DEPLOY_IMAGE_REPOSITORY: "localhost:5000/shop/promo-bot",
        AWS_REGION: "us-east-1",
      }).DEPLOY_IMAGE_REPOSITORY,
    ).toBe("localhost:5000/shop/promo-bot");
  });

  it("wants all three deploy settings or none, and no tag in the repository", () => {
    expect(problemsOf({ ECS_CLUSTER: "promo" })).toEqual([
      expect.stringMatching(/^ECS_SERVICE: is required with ECS_CLUSTER\. Name the ECS service/),
      expect.stringMatching(/^DEPLOY_IMAGE_REPOSITORY: is required with ECS_CLUSTER\./),
    ]);
    expect(
      problemsOf({
        ECS_CLUSTER: "promo",
        ECS_SERVICE: "promo web",
        DEPLOY_IMAGE_REPOSITORY: "ghcr.io/shop/promo-bot:v1",
        AWS_REGION: "Frankfurt",
      }).map((problem) => problem.split(".")[0]),
    ).toEqual([
      "AWS_REGION: is not an AWS region",
      "ECS_SERVICE: is not an ECS service name or ARN",
      "DEPLOY_IMAGE_REPOSITORY: must be an image repository without a tag",
    ]);
  });

  it("keeps whatever build labels the image carries, never refusing to start over them", () => {
    expect(parseSettings({ APP_GIT_SHA: "unknown", APP_BUILD_TIME: "" })).toMatchObject({
      APP_GIT_SHA: "unknown",
      APP_BUILD_TIME: undefined,
    });
  });
});
