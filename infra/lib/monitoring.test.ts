import { describe, expect, it } from "vitest";
import { matchesJsonFilter } from "../test/json-filter-pattern";
import { onlyResource, resourcesOf, synthesize } from "../test/synth";

const template = synthesize();
const json = (value: unknown) => JSON.stringify(value);

interface Transformation {
  MetricName: string;
  MetricNamespace: string;
  MetricValue: string;
  DefaultValue?: number;
}
const [logGroupId] = onlyResource(template, "AWS::Logs::LogGroup");
const filters = resourcesOf(template, "AWS::Logs::MetricFilter").map(([, filter]) => {
  const [transformation] = filter.Properties.MetricTransformations as Transformation[];
  return {
    pattern: filter.Properties.FilterPattern as string,
    logGroup: filter.Properties.LogGroupName,
    ...transformation!,
  };
});

/** The metrics a log line adds to, with the value it adds, as CloudWatch would count it. */
function metricsFrom(line: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    filters
      .filter((filter) => matchesJsonFilter(filter.pattern, line))
      .map((filter) => [
        filter.MetricName,
        filter.MetricValue.startsWith("$.")
          ? line[filter.MetricValue.slice(2)]
          : filter.MetricValue,
      ]),
  );
}

// Pino lines as the app writes them on stdout: level, time and message around the contract's
// fields (docs/operations.md).
const pinoLine = (fields: Record<string, unknown>) => ({
  level: 30,
  time: "2026-11-27T12:00:00.000Z",
  msg: "…",
  ...fields,
});
const webhook = (source: string, outcome: string, status: number) =>
  pinoLine({ event: "webhook.result", source, outcome, status });

describe("metrics from the app's JSON logs", () => {
  it("read the app's log group, into the PromoBot namespace", () => {
    expect(filters.length).toBeGreaterThan(0);
    for (const filter of filters) {
      expect(filter.logGroup).toEqual({ Ref: logGroupId });
      expect(filter.MetricNamespace).toBe("PromoBot");
    }
  });

  it("count a Stripe webhook answered 5xx as a Stripe webhook failure, and nothing else", () => {
    expect(metricsFrom(webhook("stripe", "failed", 500))).toEqual({ StripeWebhookFailures: "1" });
    expect(metricsFrom(webhook("telegram", "failed", 503))).toEqual({
      TelegramWebhookFailures: "1",
    });
  });

  it("count forged or mis-signed webhooks apart from failures", () => {
    expect(metricsFrom(webhook("stripe", "rejected", 400))).toEqual({ StripeWebhookRejected: "1" });
    expect(metricsFrom(webhook("telegram", "rejected", 401))).toEqual({
      TelegramWebhookRejected: "1",
    });
  });

  it("ignore handled and duplicate deliveries", () => {
    for (const source of ["stripe", "telegram"]) {
      expect(metricsFrom(webhook(source, "ok", 200))).toEqual({});
      expect(metricsFrom(webhook(source, "duplicate", 200))).toEqual({});
    }
  });

  it("count failed Stripe and Telegram API calls per service", () => {
    const apiError = (service: string) =>
      pinoLine({ event: "api.error", service, method: "sendMessage", code: 429 });
    expect(metricsFrom(apiError("stripe"))).toEqual({ StripeApiErrors: "1" });
    expect(metricsFrom(apiError("telegram"))).toEqual({ TelegramApiErrors: "1" });
  });

  it("publish the outbox backlog's size and oldest age from its minutely line", () => {
    const backlog = pinoLine({ event: "outbox.backlog", pending: 12, oldestAgeSeconds: 431 });
    expect(metricsFrom(backlog)).toEqual({ OutboxOldestAgeSeconds: 431, OutboxPending: 12 });
  });

  it("count opened alerts, not resolved ones", () => {
    expect(metricsFrom(pinoLine({ event: "alert.opened", incident: "stripe-webhooks" }))).toEqual({
      AlertsOpened: "1",
    });
    expect(metricsFrom(pinoLine({ event: "alert.resolved", incident: "stripe-webhooks" }))).toEqual(
      {},
    );
  });

  it("ignore ordinary log lines", () => {
    expect(metricsFrom(pinoLine({ msg: "started", outboxWorker: "running" }))).toEqual({});
    expect(metricsFrom(pinoLine({ source: "stripe", outcome: "failed" }))).toEqual({});
  });

  it("report zero for quiet periods of error counts", () => {
    for (const filter of filters.filter((f) => f.MetricValue === "1")) {
      expect(filter.DefaultValue, filter.MetricName).toBe(0);
    }
  });
});

interface Alarm {
  AlarmName: string;
  MetricName: string;
  Namespace: string;
  Statistic: string;
  Period: number;
  EvaluationPeriods: number;
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
  Dimensions?: unknown[];
}
const alarms = Object.fromEntries(
  resourcesOf(template, "AWS::CloudWatch::Alarm").map(([, alarm]) => {
    const properties = alarm.Properties as unknown as Alarm;
    return [properties.AlarmName.replace(/^PromoBot-/, ""), properties];
  }),
);
const [topicId] = onlyResource(template, "AWS::SNS::Topic");

describe("alarms", () => {
  it("mail the alarm topic when they fire and when they recover", () => {
    expect(Object.keys(alarms).length).toBeGreaterThan(0);
    for (const [name, alarm] of Object.entries(alarms)) {
      expect(alarm.AlarmActions, name).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions, name).toEqual([{ Ref: topicId }]);
    }
    const [, subscription] = onlyResource(template, "AWS::SNS::Subscription");
    expect(subscription.Properties).toMatchObject({
      Protocol: "email",
      Endpoint: { Ref: "AlarmEmail" },
      TopicArn: { Ref: topicId },
    });
  });

  const fiveMinuteCount = (metric: string, threshold: number) => ({
    Namespace: "PromoBot",
    MetricName: metric,
    Statistic: "Sum",
    Period: 300,
    EvaluationPeriods: 1,
    ComparisonOperator: "GreaterThanOrEqualToThreshold",
    Threshold: threshold,
    // Error counts: no data is no errors.
    TreatMissingData: "notBreaching",
  });

  it("fire on 5 Stripe or Telegram webhook failures in 5 minutes", () => {
    expect(alarms.StripeWebhookFailures).toMatchObject(fiveMinuteCount("StripeWebhookFailures", 5));
    expect(alarms.TelegramWebhookFailures).toMatchObject(
      fiveMinuteCount("TelegramWebhookFailures", 5),
    );
  });

  it("fire on rejected webhooks, the sign of a secret that no longer matches", () => {
    expect(alarms.StripeWebhookRejected).toMatchObject(fiveMinuteCount("StripeWebhookRejected", 5));
    expect(alarms.TelegramWebhookRejected).toMatchObject(
      fiveMinuteCount("TelegramWebhookRejected", 5),
    );
  });

  it("fire on failed Stripe and Telegram API calls", () => {
    expect(alarms.StripeApiErrors).toMatchObject(fiveMinuteCount("StripeApiErrors", 10));
    expect(alarms.TelegramApiErrors).toMatchObject(fiveMinuteCount("TelegramApiErrors", 10));
  });

  it("fire when the oldest outbox message has waited more than 300 seconds", () => {
    expect(alarms.OutboxBacklog).toMatchObject({
      Namespace: "PromoBot",
      MetricName: "OutboxOldestAgeSeconds",
      Statistic: "Maximum",
      ComparisonOperator: "GreaterThanThreshold",
      Threshold: 300,
    });
  });

  it("fire on 5xx answers from the load balancer and from the app", () => {
    const [lbId] = onlyResource(template, "AWS::ElasticLoadBalancingV2::LoadBalancer");
    expect(alarms.LoadBalancer5xx).toMatchObject({
      Namespace: "AWS/ApplicationELB",
      MetricName: "HTTPCode_ELB_5XX_Count",
      Statistic: "Sum",
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
    });
    expect(json(alarms.LoadBalancer5xx!.Dimensions)).toContain(lbId);
    expect(alarms.Target5xx).toMatchObject({
      Namespace: "AWS/ApplicationELB",
      MetricName: "HTTPCode_Target_5XX_Count",
      Statistic: "Sum",
      TreatMissingData: "notBreaching",
    });
  });

  it("fire when no target is healthy, counting missing data as down", () => {
    const [targetGroupId] = onlyResource(template, "AWS::ElasticLoadBalancingV2::TargetGroup");
    expect(alarms.NoHealthyTargets).toMatchObject({
      Namespace: "AWS/ApplicationELB",
      MetricName: "HealthyHostCount",
      Statistic: "Minimum",
      ComparisonOperator: "LessThanThreshold",
      Threshold: 1,
      TreatMissingData: "breaching",
    });
    expect(json(alarms.NoHealthyTargets!.Dimensions)).toContain(targetGroupId);
  });
});

describe("the deployment circuit breaker", () => {
  it("mails the alarm topic when it rolls a release of this service back", () => {
    const [, rule] = onlyResource(template, "AWS::Events::Rule");
    const [, service] = onlyResource(template, "AWS::ECS::Service");
    const [clusterId] = onlyResource(template, "AWS::ECS::Cluster");
    const pattern = rule.Properties.EventPattern as Record<string, unknown>;
    expect(pattern).toMatchObject({
      source: ["aws.ecs"],
      "detail-type": ["ECS Deployment State Change"],
      detail: { eventName: ["SERVICE_DEPLOYMENT_FAILED"] },
    });
    const resources = json(pattern.resources);
    expect(resources).toContain(`:service/`);
    expect(resources).toContain(json({ Ref: clusterId }));
    expect(resources).toContain(`/${service.Properties.ServiceName}`);
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { Ref: topicId } })]);
    // EventBridge may publish to the topic.
    const [, topicPolicy] = onlyResource(template, "AWS::SNS::TopicPolicy");
    expect(json(topicPolicy.Properties.PolicyDocument)).toContain(
      '"Principal":{"Service":"events.amazonaws.com"}',
    );
  });
});
