import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecr from "aws-cdk-lib/aws-ecr";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as logs from "aws-cdk-lib/aws-logs";
import * as s3 from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { APP_PORT, HEALTH_CHECK_COMMAND, HEALTH_PATH, appSecrets } from "./app-container";
import { grantSelfDeploy } from "./deploy-permissions";
import { AppMonitoring } from "./monitoring";
import { deployParameters } from "./parameters";

export interface PromoBotStackProps extends StackProps {
  /** Run in this existing VPC (looked up: needs `env` with account and region); else a new one. */
  vpcId?: string;
  /** Also read TELEGRAM_LOGIN_CLIENT_SECRET, for Telegram's OpenID Connect login. */
  oidcLogin?: boolean;
  /** E-mail invoices from this sender (SMTP_FROM), through the server in the SMTP_URL secret. */
  invoiceEmailFrom?: string;
}

// Fixed, because the task's own settings name it (ECS_SERVICE) and the service cannot be
// referenced from the task definition it runs without a cycle. Unique within the cluster.
const SERVICE_NAME = "promo-bot-web";

/**
 * The shop on AWS: the container on Fargate in private subnets behind an HTTPS load balancer,
 * its image repository, photo/invoice bucket, logs, alarms and autoscaling.
 */
export class PromoBotStack extends Stack {
  constructor(scope: Construct, id: string, props: PromoBotStackProps = {}) {
    super(scope, id, props);
    const params = deployParameters(this);

    // Two AZs; one NAT gateway is the tasks' way out to Telegram, Stripe and Neon.
    const vpc = props.vpcId
      ? ec2.Vpc.fromLookup(this, "Vpc", { vpcId: props.vpcId })
      : new ec2.Vpc(this, "Vpc", { maxAzs: 2, natGateways: 1 });

    const cluster = new ecs.Cluster(this, "Cluster", { vpc });

    const repository = new ecr.Repository(this, "Repository", {
      // A tag always means the same image, so "deploy the previous tag" is a real rollback.
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      imageScanOnPush: true,
      lifecycleRules: [{ description: "Keep the last 50 images", maxImageCount: 50 }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const uploads = new s3.Bucket(this, "Uploads", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const logGroup = new logs.LogGroup(this, "AppLogs", {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const taskDefinition = new ecs.FargateTaskDefinition(this, "Task", {
      cpu: 512,
      memoryLimitMiB: 1024,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    const clusterServiceArn = this.formatArn({
      service: "ecs",
      resource: "service",
      resourceName: `${cluster.clusterName}/${SERVICE_NAME}`,
    });
    const { containerSecrets } = appSecrets(this, {
      oidcLogin: props.oidcLogin ?? false,
      smtp: Boolean(props.invoiceEmailFrom),
    });
    taskDefinition.addContainer("web", {
      image: ecs.ContainerImage.fromEcrRepository(repository, params.imageTag.valueAsString),
      portMappings: [{ containerPort: APP_PORT }],
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: "web" }),
      secrets: containerSecrets,
      environment: {
        PUBLIC_URL: params.publicUrl.valueAsString,
        LOG_LEVEL: params.logLevel.valueAsString,
        ADMIN_TELEGRAM_IDS: params.adminTelegramIds.valueAsString,
        S3_BUCKET: uploads.bucketName,
        S3_REGION: Aws.REGION,
        AWS_REGION: Aws.REGION,
        // For the admin Deploy button: which service to roll and where its images are.
        ECS_CLUSTER: cluster.clusterName,
        ECS_SERVICE: SERVICE_NAME,
        DEPLOY_IMAGE_REPOSITORY: repository.repositoryUri,
        ...(props.invoiceEmailFrom ? { SMTP_FROM: props.invoiceEmailFrom } : {}),
      },
      healthCheck: {
        command: ["CMD", ...HEALTH_CHECK_COMMAND],
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        // Migrations run at start, under an advisory lock.
        startPeriod: Duration.seconds(60),
      },
    });
    uploads.grantReadWrite(taskDefinition.taskRole);
    grantSelfDeploy(taskDefinition.taskRole, {
      serviceArn: clusterServiceArn,
      passRoles: [taskDefinition.taskRole, taskDefinition.obtainExecutionRole()],
    });

    const service = new ecs.FargateService(this, "Service", {
      cluster,
      serviceName: SERVICE_NAME,
      taskDefinition,
      desiredCount: params.minTasks.valueAsNumber,
      assignPublicIp: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      // A release that cannot get healthy (bad settings exit at start, failing readiness) is
      // stopped and the previous task definition restored.
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      healthCheckGracePeriod: Duration.seconds(60),
    });

    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, "LoadBalancer", {
      vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      dropInvalidHeaderFields: true,
    });
    const https = loadBalancer.addListener("Https", {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromArn(params.certificateArn.valueAsString)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    });
    const targetGroup = https.addTargets("Web", {
      port: APP_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service.loadBalancerTarget({ containerName: "web", containerPort: APP_PORT })],
      healthCheck: {
        path: HEALTH_PATH,
        healthyHttpCodes: "200",
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
      deregistrationDelay: Duration.seconds(30),
    });
    loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443 });

    const scaling = service.autoScaleTaskCount({
      minCapacity: params.minTasks.valueAsNumber,
      maxCapacity: params.maxTasks.valueAsNumber,
    });
    scaling.scaleOnCpuUtilization("Cpu", { targetUtilizationPercent: 60 });
    // About 50 requests a second per task; one 0.5 vCPU task handled ~600 webhooks a second
    // in docs/benchmarks.md, so this leaves room for the dashboard's heavier pages.
    scaling.scaleOnRequestCount("Requests", { requestsPerTarget: 3000, targetGroup });

    const monitoring = new AppMonitoring(this, "Monitoring", {
      logGroup,
      loadBalancer,
      targetGroup,
      serviceArn: clusterServiceArn,
      alarmEmail: params.alarmEmail.valueAsString,
    });

    new CfnOutput(this, "LoadBalancerDnsName", {
      description: "Point the PublicUrl's DNS name (CNAME or alias) here.",
      value: loadBalancer.loadBalancerDnsName,
    });
    new CfnOutput(this, "RepositoryUri", { value: repository.repositoryUri });
    new CfnOutput(this, "ClusterName", { value: cluster.clusterName });
    new CfnOutput(this, "ServiceName", { value: SERVICE_NAME });
    new CfnOutput(this, "UploadsBucket", { value: uploads.bucketName });
    new CfnOutput(this, "LogGroupName", { value: logGroup.logGroupName });
    new CfnOutput(this, "AlarmTopicArn", { value: monitoring.topic.topicArn });
  }
}
