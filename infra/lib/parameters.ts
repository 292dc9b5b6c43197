import { CfnParameter, Stack } from "aws-cdk-lib";

/**
 * What an operator chooses at deploy time (`cdk deploy --parameters Name=value`). They are
 * CloudFormation parameters rather than synth-time settings, so one synthesized template serves
 * every account, and `cdk deploy` keeps the previous value of any parameter not given.
 */
export function deployParameters(stack: Stack) {
  return {
    imageTag: new CfnParameter(stack, "ImageTag", {
      description:
        "Tag of the image in this stack's ECR repository. Pass the tag running now on every " +
        "update: the Deploy button changes the image outside CloudFormation.",
      minLength: 1,
    }),
    certificateArn: new CfnParameter(stack, "CertificateArn", {
      description: "ACM certificate for the HTTPS listener (same region as the stack).",
      allowedPattern: "^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/.+$",
      constraintDescription: "must be an ACM certificate ARN",
    }),
    publicUrl: new CfnParameter(stack, "PublicUrl", {
      description: "https:// address of the shop (PUBLIC_URL); point its DNS at the load balancer.",
      allowedPattern: "^https://[^/\\s]+$",
      constraintDescription: "must be an https:// origin without a path",
    }),
    alarmEmail: new CfnParameter(stack, "AlarmEmail", {
      description: "E-mail address that receives the alarms (confirm the subscription mail).",
      allowedPattern: "^[^@\\s]+@[^@\\s]+$",
      constraintDescription: "must be an e-mail address",
    }),
    adminTelegramIds: new CfnParameter(stack, "AdminTelegramIds", {
      description: "Admins' numeric Telegram ids, comma-separated (ADMIN_TELEGRAM_IDS).",
      default: "",
      allowedPattern: "^(\\d+(,\\d+)*)?$",
      constraintDescription: "must be numeric ids separated by commas, without spaces",
    }),
    logLevel: new CfnParameter(stack, "LogLevel", {
      default: "info",
      allowedValues: ["fatal", "error", "warn", "info", "debug", "trace"],
    }),
    minTasks: new CfnParameter(stack, "MinTasks", {
      type: "Number",
      description:
        "Tasks always running (autoscaling never goes below). 0 only for the very first " +
        "deploy, before an image has been pushed.",
      default: 2,
      minValue: 0,
    }),
    maxTasks: new CfnParameter(stack, "MaxTasks", {
      type: "Number",
      description: "Upper bound for autoscaling.",
      default: 6,
      minValue: 1,
    }),
  };
}

export type DeployParameters = ReturnType<typeof deployParameters>;
