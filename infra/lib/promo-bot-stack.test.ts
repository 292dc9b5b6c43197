import { describe, expect, it } from "vitest";
import { container, json, service, serviceId, template } from "../test/default-stack";
import { existingVpcContext, onlyResource, resourcesOf, synthesize } from "../test/synth";
import { HEALTH_CHECK_COMMAND } from "./app-container";

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
