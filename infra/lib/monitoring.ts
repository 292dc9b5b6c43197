import { Duration, Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { LOG_METRICS, METRIC_NAMESPACE, type LogMetric, type LogMetricKey } from "./log-metrics";

export interface AppMonitoringProps {
  logGroup: logs.ILogGroup;
  loadBalancer: elbv2.ApplicationLoadBalancer;
  targetGroup: elbv2.ApplicationTargetGroup;
  /** The ECS service whose failed (rolled back) deployments are reported. */
  serviceArn: string;
  alarmEmail: string;
}

const { GREATER_THAN_OR_EQUAL_TO_THRESHOLD: atLeast, GREATER_THAN_THRESHOLD: above } =
  cloudwatch.ComparisonOperator;

/**
 * Metrics from the app's JSON log lines, the alarms an operator is mailed about (in ALARM and
 * back to OK), and a mail when the deployment circuit breaker rolls a release back.
 */
export class AppMonitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: Record<string, cloudwatch.Alarm> = {};

  constructor(scope: Construct, id: string, props: AppMonitoringProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, "AlarmTopic", { displayName: "Promo-Bot alarms" });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const filters = {} as Record<LogMetricKey, logs.MetricFilter>;
    for (const [key, spec] of Object.entries(LOG_METRICS) as [LogMetricKey, LogMetric][]) {
      filters[key] = new logs.MetricFilter(this, `${spec.metricName}Filter`, {
        logGroup: props.logGroup,
        metricNamespace: METRIC_NAMESPACE,
        metricName: spec.metricName,
        filterPattern: spec.pattern,
        metricValue: spec.value,
        defaultValue: spec.defaultValue,
      });
    }
    const countIn5Minutes = (key: LogMetricKey) =>
      filters[key].metric({ statistic: "Sum", period: Duration.minutes(5) });

    // Error counts: no data means nothing went wrong (no traffic, or a quiet night).
    this.alarm("StripeWebhookFailures", countIn5Minutes("stripeWebhookFailures"), atLeast, 5, {
      description:
        "Stripe webhooks answered 5xx (outcome=failed) at least 5 times in 5 minutes. Stripe " +
        "retries for up to 3 days, but paid orders stay unpaid until one succeeds.",
    });
    this.alarm("TelegramWebhookFailures", countIn5Minutes("telegramWebhookFailures"), atLeast, 5, {
      description:
        "Telegram updates answered 5xx (outcome=failed) at least 5 times in 5 minutes: buyers' " +
        "messages are not being handled; Telegram keeps updates for 24 hours.",
    });
    this.alarm("StripeWebhookRejected", countIn5Minutes("stripeWebhookRejected"), atLeast, 5, {
      description:
        "Stripe webhooks failed signature verification (outcome=rejected) at least 5 times in " +
        "5 minutes: STRIPE_WEBHOOK_SECRET probably differs from the endpoint's signing secret.",
    });
    this.alarm("TelegramWebhookRejected", countIn5Minutes("telegramWebhookRejected"), atLeast, 5, {
      description:
        "Telegram updates were rejected (outcome=rejected) at least 5 times in 5 minutes: " +
        "TELEGRAM_WEBHOOK_SECRET probably differs from the one registered with Telegram.",
    });
    this.alarm("StripeApiErrors", countIn5Minutes("stripeApiErrors"), atLeast, 10, {
      description: "At least 10 failed calls to Stripe's API in 5 minutes (event=api.error).",
    });
    this.alarm("TelegramApiErrors", countIn5Minutes("telegramApiErrors"), atLeast, 10, {
      description: "At least 10 failed calls to Telegram's Bot API in 5 minutes (event=api.error).",
    });
    this.alarm(
      "OutboxBacklog",
      filters.outboxOldestAgeSeconds.metric({ statistic: "Maximum", period: Duration.minutes(5) }),
      above,
      300,
      {
        description:
          "The oldest unsent outbox message (Telegram notices, invoices) waited more than " +
          "5 minutes (event=outbox.backlog, oldestAgeSeconds).",
      },
    );

    const lb = props.loadBalancer.metrics;
    const fiveMinuteSum = { statistic: "Sum", period: Duration.minutes(5) };
    this.alarm(
      "LoadBalancer5xx",
      lb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, fiveMinuteSum),
      atLeast,
      10,
      {
        description:
          "The load balancer itself answered 5xx at least 10 times in 5 minutes (502/503/504: " +
          "no healthy task, tasks crashing or too slow).",
      },
    );
    this.alarm(
      "Target5xx",
      props.targetGroup.metrics.httpCodeTarget(
        elbv2.HttpCodeTarget.TARGET_5XX_COUNT,
        fiveMinuteSum,
      ),
      atLeast,
      10,
      { description: "The app answered 5xx at least 10 times in 5 minutes." },
    );
    this.alarm(
      "NoHealthyTargets",
      props.targetGroup.metrics.healthyHostCount({
        statistic: "Minimum",
        period: Duration.minutes(1),
      }),
      cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      1,
      {
        description: "No task has passed the /api/health check for 2 minutes: the shop is down.",
        evaluationPeriods: 2,
        // No data from the target group is no evidence of health.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      },
    );

    // ECS publishes the circuit breaker's verdict as an event, not a metric.
    new events.Rule(this, "DeploymentFailedRule", {
      description: "The deployment circuit breaker stopped a release and rolled it back.",
      eventPattern: {
        source: ["aws.ecs"],
        detailType: ["ECS Deployment State Change"],
        resources: [props.serviceArn],
        detail: { eventName: ["SERVICE_DEPLOYMENT_FAILED"] },
      },
      targets: [
        new targets.SnsTopic(this.topic, {
          message: events.RuleTargetInput.fromText(
            `Promo-Bot deployment ${events.EventField.fromPath("$.detail.deploymentId")} failed ` +
              `and was rolled back: ${events.EventField.fromPath("$.detail.reason")}`,
          ),
        }),
      ],
    });
  }

  private alarm(
    name: string,
    metric: cloudwatch.IMetric,
    comparisonOperator: cloudwatch.ComparisonOperator,
    threshold: number,
    options: {
      description: string;
      evaluationPeriods?: number;
      treatMissingData?: cloudwatch.TreatMissingData;
    },
  ): void {
    const alarm = new cloudwatch.Alarm(this, `${name}Alarm`, {
      alarmName: `${Stack.of(this).stackName}-${name}`,
      alarmDescription: options.description,
      metric,
      comparisonOperator,
      threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      treatMissingData: options.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    alarm.addOkAction(new actions.SnsAction(this.topic));
    this.alarms[name] = alarm;
  }
}
