import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { existingVpcContext, onlyResource, resourcesOf, synthesize } from "../test/synth";
import { HEALTH_CHECK_COMMAND, OIDC_SECRET_SETTING, SECRET_SETTINGS } from "./app-container";

const template = synthesize();

interface Container {
  Image: unknown;
  Environment: { Name: string; Value: unknown }[];
  Secrets: { Name: string; ValueFrom: { Ref: string } }[];
  HealthCheck: { Command: string[] };
  PortMappings: { ContainerPort: number }[];
  LogConfiguration: { LogDriver: string; Options: Record<string, unknown> };
}
interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string>>;
}

const [, taskDefinition] = onlyResource(template, "AWS::ECS::TaskDefinition");
const container = (taskDefinition.Properties.ContainerDefinitions as Container[])[0]!;
const [serviceId, service] = onlyResource(template, "AWS::ECS::Service");
const [clusterId] = onlyResource(template, "AWS::ECS::Cluster");
const roleIdOf = (arn: unknown) => (arn as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
const taskRoleId = roleIdOf(taskDefinition.Properties.TaskRoleArn);
const executionRoleId = roleIdOf(taskDefinition.Properties.ExecutionRoleArn);
const env = Object.fromEntries(container.Environment.map(({ Name, Value }) => [Name, Value]));
const json = (value: unknown) => JSON.stringify(value);

/** Every statement granted to a role, from attached policies, inline policies and managed ones. */
function statementsOf(roleId: string): Statement[] {
  const [, role] = resourcesOf(template, "AWS::IAM::Role").find(([id]) => id === roleId)!;
  expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
  expect(role.Properties.Policies ?? []).toEqual([]);
  return resourcesOf(template, "AWS::IAM::Policy")
    .filter(([, policy]) => json(policy.Properties.Roles).includes(json({ Ref: roleId })))
    .flatMap(
      ([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
}
const actionsOf = (statement: Statement) => [statement.Action].flat();

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

describe("the service", () => {
  it("runs tasks without public addresses in private subnets", () => {
    const network = (
      service.Properties.NetworkConfiguration as {
        AwsvpcConfiguration: { AssignPublicIp: string; Subnets: { Ref: string }[] };
      }
    ).AwsvpcConfiguration;
    expect(network.AssignPublicIp).toBe("DISABLED");
    const subnets = Object.fromEntries(resourcesOf(template, "AWS::EC2::Subnet"));
    expect(network.Subnets.length).toBeGreaterThanOrEqual(2);
    for (const { Ref } of network.Subnets) {
      expect(subnets[Ref]!.Properties.MapPublicIpOnLaunch).toBe(false);
      expect(json(subnets[Ref]!.Properties.Tags)).toContain('"Value":"Private"');
    }
  });

  it("accepts connections only from the load balancer, on the app's port", () => {
    const groupId = json(
      (
        service.Properties.NetworkConfiguration as {
          AwsvpcConfiguration: { SecurityGroups: unknown[] };
        }
      ).AwsvpcConfiguration.SecurityGroups[0],
    );
    const [lbSecurityGroupId] = resourcesOf(template, "AWS::EC2::SecurityGroup").find(([id]) =>
      id.startsWith("LoadBalancerSecurityGroup"),
    )!;
    const ingress = resourcesOf(template, "AWS::EC2::SecurityGroupIngress").filter(
      ([, rule]) => json(rule.Properties.GroupId) === groupId,
    );
    expect(ingress.map(([, rule]) => rule.Properties)).toEqual([
      expect.objectContaining({
        FromPort: 3000,
        ToPort: 3000,
        SourceSecurityGroupId: { "Fn::GetAtt": [lbSecurityGroupId, "GroupId"] },
      }),
    ]);
  });

  it("rolls a release back when its tasks cannot get healthy", () => {
    expect(service.Properties.DeploymentConfiguration).toMatchObject({
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      MinimumHealthyPercent: 100,
    });
  });

  it("checks the container's health on /api/health with the Dockerfile's command", () => {
    expect(container.HealthCheck.Command).toEqual(["CMD", ...HEALTH_CHECK_COMMAND]);
    expect(container.HealthCheck.Command.join(" ")).toContain("/api/health");
    expect(container.PortMappings).toEqual([expect.objectContaining({ ContainerPort: 3000 })]);
  });

  it("logs to a log group with a retention period", () => {
    const [logGroupId, logGroup] = onlyResource(template, "AWS::Logs::LogGroup");
    expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
    expect(container.LogConfiguration.LogDriver).toBe("awslogs");
    expect(container.LogConfiguration.Options["awslogs-group"]).toEqual({ Ref: logGroupId });
  });

  it("scales on CPU and on requests per target between MinTasks and MaxTasks", () => {
    const [targetId, target] = onlyResource(
      template,
      "AWS::ApplicationAutoScaling::ScalableTarget",
    );
    expect(target.Properties).toMatchObject({
      MinCapacity: { Ref: "MinTasks" },
      MaxCapacity: { Ref: "MaxTasks" },
      ScalableDimension: "ecs:service:DesiredCount",
    });
    expect(json(target.Properties.ResourceId)).toContain(
      json({ "Fn::GetAtt": [serviceId, "Name"] }),
    );
    const policies = resourcesOf(template, "AWS::ApplicationAutoScaling::ScalingPolicy").map(
      ([, policy]) => policy.Properties,
    );
    const [targetGroupId] = onlyResource(template, "AWS::ElasticLoadBalancingV2::TargetGroup");
    const byMetric = Object.fromEntries(
      policies.map((policy) => {
        expect(policy.ScalingTargetId).toEqual({ Ref: targetId });
        const config = policy.TargetTrackingScalingPolicyConfiguration as {
          PredefinedMetricSpecification: { PredefinedMetricType: string; ResourceLabel?: unknown };
          TargetValue: number;
        };
        return [config.PredefinedMetricSpecification.PredefinedMetricType, config];
      }),
    );
    expect(Object.keys(byMetric).sort()).toEqual([
      "ALBRequestCountPerTarget",
      "ECSServiceAverageCPUUtilization",
    ]);
    expect(byMetric.ECSServiceAverageCPUUtilization!.TargetValue).toBeLessThanOrEqual(80);
    expect(
      json(byMetric.ALBRequestCountPerTarget!.PredefinedMetricSpecification.ResourceLabel),
    ).toContain(targetGroupId);
  });
});

describe("the load balancer", () => {
  const listeners = resourcesOf(template, "AWS::ElasticLoadBalancingV2::Listener").map(
    ([, listener]) => listener.Properties,
  );
  const [targetGroupId, targetGroup] = onlyResource(
    template,
    "AWS::ElasticLoadBalancingV2::TargetGroup",
  );

  it("is internet-facing in the public subnets", () => {
    const [, lb] = onlyResource(template, "AWS::ElasticLoadBalancingV2::LoadBalancer");
    expect(lb.Properties.Scheme).toBe("internet-facing");
    const subnets = Object.fromEntries(resourcesOf(template, "AWS::EC2::Subnet"));
    for (const { Ref } of lb.Properties.Subnets as { Ref: string }[]) {
      expect(json(subnets[Ref]!.Properties.Tags)).toContain('"Value":"Public"');
    }
  });

  it("serves HTTPS on 443 with the certificate given as a parameter", () => {
    expect(listeners).toContainEqual(
      expect.objectContaining({
        Port: 443,
        Protocol: "HTTPS",
        Certificates: [{ CertificateArn: { Ref: "CertificateArn" } }],
        DefaultActions: [{ Type: "forward", TargetGroupArn: { Ref: targetGroupId } }],
      }),
    );
    const parameters = template.toJSON().Parameters as Record<string, { AllowedPattern?: string }>;
    expect(parameters.CertificateArn?.AllowedPattern).toMatch(/acm/);
  });

  it("redirects plain HTTP to HTTPS and forwards nothing on it", () => {
    const http = listeners.filter((listener) => listener.Port === 80);
    expect(http).toEqual([
      expect.objectContaining({
        Protocol: "HTTP",
        DefaultActions: [
          {
            Type: "redirect",
            RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" },
          },
        ],
      }),
    ]);
    expect(listeners).toHaveLength(2);
  });

  it("checks the targets on /api/health, expecting 200 (503 means not ready)", () => {
    expect(targetGroup.Properties).toMatchObject({
      HealthCheckPath: "/api/health",
      Matcher: { HttpCode: "200" },
      Port: 3000,
      Protocol: "HTTP",
      TargetType: "ip",
    });
    expect(service.Properties.LoadBalancers).toEqual([
      { ContainerName: "web", ContainerPort: 3000, TargetGroupArn: { Ref: targetGroupId } },
    ]);
  });
});

describe("the task role", () => {
  const statements = statementsOf(taskRoleId);
  const actions = statements.flatMap(actionsOf);

  it("may deploy only its own service: the four ECS calls of the Deploy button", () => {
    expect(actions.filter((action) => action.startsWith("ecs:")).sort()).toEqual([
      "ecs:DescribeServices",
      "ecs:DescribeTaskDefinition",
      "ecs:RegisterTaskDefinition",
      "ecs:UpdateService",
    ]);
    const onService = statements.filter((s) => actionsOf(s).includes("ecs:UpdateService"));
    expect(onService).toHaveLength(1);
    expect(actionsOf(onService[0]!).sort()).toEqual(["ecs:DescribeServices", "ecs:UpdateService"]);
    const resource = json(onService[0]!.Resource);
    expect(resource).toContain(":service/");
    expect(resource).toContain(json({ Ref: clusterId }));
    expect(resource).toContain(`"/${service.Properties.ServiceName}"`);
    // IAM has no narrower resource for these two; they cannot start anything by themselves.
    const anywhere = statements.filter((s) => json(s.Resource) === '"*"');
    expect(anywhere.flatMap(actionsOf).sort()).toEqual([
      "ecs:DescribeTaskDefinition",
      "ecs:RegisterTaskDefinition",
    ]);
  });

  it("may pass only its own task and execution roles, and only to ECS tasks", () => {
    const passRole = statements.filter((s) => actionsOf(s).includes("iam:PassRole"));
    expect(passRole).toHaveLength(1);
    expect(actionsOf(passRole[0]!)).toEqual(["iam:PassRole"]);
    expect(passRole[0]!.Resource).toEqual(
      expect.arrayContaining([
        { "Fn::GetAtt": [taskRoleId, "Arn"] },
        { "Fn::GetAtt": [executionRoleId, "Arn"] },
      ]),
    );
    expect(passRole[0]!.Resource).toHaveLength(2);
    expect(passRole[0]!.Condition).toEqual({
      StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
    });
  });

  it("reads and writes the upload bucket and has no other rights", () => {
    const [bucketId] = onlyResource(template, "AWS::S3::Bucket");
    for (const statement of statements) {
      const kinds = new Set(actionsOf(statement).map((action) => action.split(":")[0]));
      if (kinds.has("s3")) {
        expect(json(statement.Resource)).toContain(bucketId);
        expect(json(statement.Resource)).not.toContain('"*"');
      }
      expect(["s3", "ecs", "iam"]).toEqual(expect.arrayContaining([...kinds]));
    }
    expect(actions).toEqual(expect.arrayContaining(["s3:GetObject*", "s3:PutObject"]));
    expect(actions.some((action) => action === "*" || action.endsWith(":*"))).toBe(false);
  });

  it("cannot read the secrets: only the execution role can, to start the task", () => {
    expect(actions.some((action) => action.startsWith("secretsmanager:"))).toBe(false);
    const execution = statementsOf(executionRoleId);
    for (const { ValueFrom } of container.Secrets) {
      expect(
        execution.some(
          (s) =>
            actionsOf(s).includes("secretsmanager:GetSecretValue") &&
            [s.Resource].flat().some((resource) => json(resource) === json(ValueFrom)),
        ),
      ).toBe(true);
    }
  });
});

describe("storage", () => {
  it("keeps uploads private, encrypted and reachable only over TLS", () => {
    const [bucketId, bucket] = onlyResource(template, "AWS::S3::Bucket");
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.DeletionPolicy).toBe("Retain");
    const [, policy] = onlyResource(template, "AWS::S3::BucketPolicy");
    expect(policy.Properties.Bucket).toEqual({ Ref: bucketId });
    expect(json(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it("keeps image tags immutable, so a tag names one image for rollbacks", () => {
    const [, repository] = onlyResource(template, "AWS::ECR::Repository");
    expect(repository.Properties.ImageTagMutability).toBe("IMMUTABLE");
  });
});

describe("the network", () => {
  it("creates its own VPC by default", () => {
    onlyResource(template, "AWS::EC2::VPC");
    expect(resourcesOf(template, "AWS::EC2::NatGateway").length).toBeGreaterThanOrEqual(1);
  });

  it("uses an existing VPC when given its id: tasks in its private subnets, none created", () => {
    const [vpcId, account, region] = ["vpc-0123456789abcdef0", "123456789012", "eu-central-1"];
    const existing = synthesize(
      { vpcId, env: { account, region } },
      existingVpcContext(vpcId, account, region),
    );
    expect(resourcesOf(existing, "AWS::EC2::VPC")).toEqual([]);
    expect(resourcesOf(existing, "AWS::EC2::NatGateway")).toEqual([]);
    const [, existingService] = onlyResource(existing, "AWS::ECS::Service");
    expect(json(existingService.Properties.NetworkConfiguration)).toContain(
      '"Subnets":["subnet-0b0b0b0b0b0b0b0b1","subnet-0b0b0b0b0b0b0b0b2"]',
    );
    const [, lb] = onlyResource(existing, "AWS::ElasticLoadBalancingV2::LoadBalancer");
    expect(lb.Properties.Subnets).toEqual(["subnet-0a0a0a0a0a0a0a0a1", "subnet-0a0a0a0a0a0a0a0a2"]);
  });
});
