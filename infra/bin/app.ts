// `npm run infra:synth`: writes the CloudFormation template to infra/cdk.out without AWS
// credentials or network. The stack is environment-agnostic unless VPC_ID asks to run in an
// existing VPC, whose lookup needs an account and region (and the CDK CLI to resolve it).
import path from "node:path";
import { createCdkApp } from "../lib/cdk-app";
import { PromoBotStack } from "../lib/promo-bot-stack";

// The CDK CLI passes its own output folder; run directly, the assembly goes to infra/cdk.out.
const app = createCdkApp(
  process.env.CDK_OUTDIR ? {} : { outdir: path.join(import.meta.dirname, "..", "cdk.out") },
);
const setting = (name: string): string | undefined =>
  app.node.tryGetContext(name) ?? (process.env[name] || undefined);
const vpcId = setting("VPC_ID");

new PromoBotStack(app, "PromoBot", {
  description: "Promo-Bot: Telegram shop on ECS Fargate",
  vpcId,
  oidcLogin: setting("TELEGRAM_OIDC_LOGIN") === "true",
  invoiceEmailFrom: setting("INVOICE_EMAIL_FROM"),
  env: vpcId
    ? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION }
    : undefined,
});

const assembly = app.synth();
console.log(
  `Synthesized ${assembly.stacks.map((s) => s.stackName).join(", ")} into ${assembly.directory}`,
);
