import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clusterId, container, env, json, service, template } from "../test/default-stack";
import { onlyResource, resourcesOf, synthesize } from "../test/synth";
import { OIDC_SECRET_SETTING, SECRET_SETTINGS } from "./app-container";

// The settings lib/platform/env.ts reads; plus what the Deploy button reads (AWS SDK and deploy code).
const appSettings = [
  ...readFileSync("lib/platform/env.ts", "utf8")
    .split("const settingsSchema = z.object({")[1]!
    .split("\n});")[0]!
    .matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm),
].map(([, name]) => name);
const deploySettings = ["ECS_CLUSTER", "ECS_SERVICE", "DEPLOY_IMAGE_REPOSITORY", "AWS_REGION"];

describe("the task's settings", () => {
  it("reads every secret from its own Secrets Manager secret", () => {
    expect(container.Secrets.map(({ Name }) => Name).sort()).toEqual(
      Object.keys(SECRET_SETTINGS).sort(),
    );
    const secrets = Object.fromEntries(resourcesOf(template, "AWS::SecretsManager::Secret"));
    for (const { Name, ValueFrom } of container.Secrets) {
      const secret = secrets[ValueFrom.Ref];
      expect(secret, Name).toBeDefined();
      expect(secret!.Properties.Name).toBe(`PromoBot/${Name}`);
      // A bot token or database URL must outlive a stack deleted by mistake.
      expect(secret!.DeletionPolicy).toBe("Retain");
    }
  });

  it("passes no secret as plain environment", () => {
    const names = Object.keys(env);
    for (const secret of [...Object.keys(SECRET_SETTINGS), ...Object.keys(OIDC_SECRET_SETTING)]) {
      expect(names).not.toContain(secret);
    }
    for (const name of names) expect(name).not.toMatch(/TOKEN|SECRET|PASSWORD|KEY|DATABASE_URL/);
  });

  it("names only settings the app reads", () => {
    expect(appSettings).toContain("PUBLIC_URL");
    for (const name of [...Object.keys(env), ...container.Secrets.map(({ Name }) => Name)]) {
      expect([...appSettings, ...deploySettings], name).toContain(name);
    }
  });

  it("sets the shop's address, admins, log level and the upload bucket", () => {
    expect(env.PUBLIC_URL).toEqual({ Ref: "PublicUrl" });
    expect(env.ADMIN_TELEGRAM_IDS).toEqual({ Ref: "AdminTelegramIds" });
    expect(env.LOG_LEVEL).toEqual({ Ref: "LogLevel" });
    const [bucketId] = onlyResource(template, "AWS::S3::Bucket");
    expect(env.S3_BUCKET).toEqual({ Ref: bucketId });
    expect(env.S3_REGION).toEqual({ Ref: "AWS::Region" });
  });

  it("tells the Deploy button its cluster, service, image repository and region", () => {
    expect(env.ECS_CLUSTER).toEqual({ Ref: clusterId });
    expect(env.ECS_SERVICE).toBe(service.Properties.ServiceName);
    expect(env.AWS_REGION).toEqual({ Ref: "AWS::Region" });
    // The image the service runs is that repository at the ImageTag parameter.
    const [repositoryId] = onlyResource(template, "AWS::ECR::Repository");
    expect(json(env.DEPLOY_IMAGE_REPOSITORY)).toContain(json({ Ref: repositoryId }));
    const image = (container.Image as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1];
    const repository = (env.DEPLOY_IMAGE_REPOSITORY as { "Fn::Join": [string, unknown[]] })[
      "Fn::Join"
    ][1];
    expect(image).toEqual([...repository, ":", { Ref: "ImageTag" }]);
  });

  it("e-mails invoices only when asked: the SMTP URL as a secret, the sender as a setting", () => {
    const names = (t: typeof template) =>
      resourcesOf(t, "AWS::SecretsManager::Secret").map(([, s]) => s.Properties.Name);
    expect(names(template)).not.toContain("PromoBot/SMTP_URL");
    const withMail = synthesize({ invoiceEmailFrom: "Shop <shop@example.com>" });
    expect(names(withMail)).toContain("PromoBot/SMTP_URL");
    const [, definition] = onlyResource(withMail, "AWS::ECS::TaskDefinition");
    const container = (
      definition.Properties.ContainerDefinitions as Array<{
        Environment: { Name: string; Value: unknown }[];
        Secrets: { Name: string }[];
      }>
    )[0]!;
    expect(container.Environment).toContainEqual({
      Name: "SMTP_FROM",
      Value: "Shop <shop@example.com>",
    });
    expect(container.Secrets.map((secret) => secret.Name)).toContain("SMTP_URL");
    expect(container.Environment.map((variable) => variable.Name)).not.toContain("SMTP_URL");
  });

  it("adds the OpenID Connect login secret only when asked", () => {
    const names = (t: typeof template) =>
      resourcesOf(t, "AWS::SecretsManager::Secret").map(([, s]) => s.Properties.Name);
    expect(names(template)).not.toContain("PromoBot/TELEGRAM_LOGIN_CLIENT_SECRET");
    expect(names(synthesize({ oidcLogin: true }))).toContain(
      "PromoBot/TELEGRAM_LOGIN_CLIENT_SECRET",
    );
  });
});
