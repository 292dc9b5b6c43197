import {
  clientException,
  clusterNotFound,
  invalidParameter,
  serviceNotFound,
  unsupported,
} from "./api-error";
import { advanceRollout, makePrimary, newDeployment, type RolloutRules } from "./rollout";
import { findTaskDefinition } from "./task-definitions";
import {
  arn,
  taskDefinitionArn,
  type DeploymentRecord,
  type EcsWorld,
  type ServiceRecord,
} from "./state";

const seconds = (ms: number) => ms / 1000;

/** A cluster by name or ARN; ECS uses the cluster named "default" when none is given. */
export function findCluster(world: EcsWorld, reference: unknown): Map<string, ServiceRecord> {
  const name = lastSegment(reference === undefined ? "default" : String(reference), "cluster");
  const cluster = world.clusters.get(name);
  if (!cluster) throw clusterNotFound();
  return cluster;
}

// ARNs: arn:aws:ecs:<region>:<account>:cluster/<name>, …:service/<cluster>/<name> (or the
// older …:service/<name>); plain names pass through.
function lastSegment(reference: string, kind: "cluster" | "service"): string {
  if (!reference.startsWith("arn:")) return reference;
  const resource = reference.split(":").slice(5).join(":");
  if (!resource.startsWith(`${kind}/`)) return "";
  return resource.split("/").at(-1) ?? "";
}

export function describeServices(
  world: EcsWorld,
  rules: RolloutRules,
  input: Record<string, unknown>,
  nowMs: number,
) {
  const cluster = findCluster(world, input.cluster);
  const names = input.services;
  if (!Array.isArray(names) || names.length === 0) {
    throw invalidParameter("Services cannot be empty.");
  }
  if (names.length > 10) throw invalidParameter("Services cannot have more than 10 elements.");
  const services: unknown[] = [];
  const failures: unknown[] = [];
  for (const reference of names) {
    const service = cluster.get(lastSegment(String(reference), "service"));
    if (!service) {
      failures.push({ arn: serviceArn(world, String(reference), ""), reason: "MISSING" });
      continue;
    }
    advanceRollout(service, rules, nowMs);
    services.push(presentService(world, service));
  }
  return { services, failures };
}

const UPDATE_MEMBERS = new Set([
  "cluster",
  "service",
  "desiredCount",
  "taskDefinition",
  "forceNewDeployment",
]);

/** UpdateService: a new task definition (or forceNewDeployment) starts a new deployment. */
export function updateService(
  world: EcsWorld,
  rules: RolloutRules,
  input: Record<string, unknown>,
  nowMs: number,
) {
  for (const key of Object.keys(input)) {
    if (!UPDATE_MEMBERS.has(key)) throw unsupported("UpdateService", key);
  }
  const cluster = findCluster(world, input.cluster);
  const service = cluster.get(lastSegment(String(input.service ?? ""), "service"));
  if (!service) throw serviceNotFound();
  advanceRollout(service, rules, nowMs);
  const primary = service.deployments[0];
  if (input.desiredCount !== undefined) {
    const count = input.desiredCount;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
      throw invalidParameter("Desired count must be a whole number of at least 0.");
    }
    service.desiredCount = count;
    if (primary) primary.desiredCount = count;
    // Scaling a settled service is not simulated step by step: the count simply holds.
    if (primary?.rolloutState === "COMPLETED") primary.runningCount = count;
  }
  let nextDefinition = primary?.taskDefinitionArn;
  if (input.taskDefinition !== undefined) {
    const record = findTaskDefinition(world, String(input.taskDefinition));
    if (!record) throw clientException("TaskDefinition not found.");
    nextDefinition = taskDefinitionArn(world, record);
  }
  const changed = nextDefinition !== primary?.taskDefinitionArn;
  if (nextDefinition && (changed || input.forceNewDeployment === true)) {
    makePrimary(service, newDeployment(service, nextDefinition, nowMs));
  }
  return { service: presentService(world, service) };
}

function serviceArn(world: EcsWorld, name: string, clusterName: string) {
  return arn(world, clusterName ? `service/${clusterName}/${name}` : `service/${name}`);
}

/** The service as DescribeServices returns it. */
export function presentService(world: EcsWorld, service: ServiceRecord) {
  const total = (key: "runningCount" | "pendingCount") =>
    service.deployments.reduce((sum, deployment) => sum + deployment[key], 0);
  return {
    serviceArn: serviceArn(world, service.name, service.clusterName),
    serviceName: service.name,
    clusterArn: arn(world, `cluster/${service.clusterName}`),
    status: "ACTIVE",
    desiredCount: service.desiredCount,
    runningCount: total("runningCount"),
    pendingCount: total("pendingCount"),
    launchType: "FARGATE",
    platformVersion: "LATEST",
    taskDefinition: service.deployments[0]?.taskDefinitionArn,
    deploymentConfiguration: {
      deploymentCircuitBreaker: service.circuitBreaker,
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    deploymentController: { type: "ECS" },
    deployments: service.deployments.map(presentDeployment),
    events: service.events.map((event) => ({
      id: event.id,
      createdAt: seconds(event.createdAtMs),
      message: event.message,
    })),
    createdAt: seconds(service.createdAtMs),
    schedulingStrategy: "REPLICA",
  };
}

function presentDeployment(deployment: DeploymentRecord) {
  return {
    id: deployment.id,
    status: deployment.status,
    taskDefinition: deployment.taskDefinitionArn,
    desiredCount: deployment.desiredCount,
    pendingCount: deployment.pendingCount,
    runningCount: deployment.runningCount,
    failedTasks: deployment.failedTasks,
    createdAt: seconds(deployment.createdAtMs),
    updatedAt: seconds(deployment.updatedAtMs),
    launchType: "FARGATE",
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
  };
}
