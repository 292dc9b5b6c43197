import { clientException, invalidParameter } from "./api-error";
import { taskDefinitionArn, type EcsWorld, type TaskDefinitionRecord } from "./state";

// RegisterTaskDefinition's members (API reference, 2014-11-13). Anything else is refused, so a
// caller that copies DescribeTaskDefinition's read-only fields (revision, status, …) learns it
// here and not from AWS.
const REGISTER_MEMBERS = new Set([
  "family",
  "taskRoleArn",
  "executionRoleArn",
  "networkMode",
  "containerDefinitions",
  "volumes",
  "placementConstraints",
  "requiresCompatibilities",
  "cpu",
  "memory",
  "tags",
  "pidMode",
  "ipcMode",
  "proxyConfiguration",
  "inferenceAccelerators",
  "ephemeralStorage",
  "runtimePlatform",
  "enableFaultInjection",
]);

const NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** RegisterTaskDefinition: validates like ECS does for the fields a deploy touches. */
export function registerTaskDefinition(
  world: EcsWorld,
  input: Record<string, unknown>,
  nowMs: number,
): TaskDefinitionRecord {
  for (const key of Object.keys(input)) {
    if (!REGISTER_MEMBERS.has(key)) {
      throw invalidParameter(`Unknown parameter in RegisterTaskDefinition: "${key}".`);
    }
  }
  const { tags, ...body } = input;
  const family = body.family;
  if (typeof family !== "string" || !NAME.test(family)) {
    throw clientException(
      "Family must be 1–255 letters (uppercase and lowercase), numbers, hyphens and underscores.",
    );
  }
  checkContainers(body.containerDefinitions);
  const compatibilities = body.requiresCompatibilities;
  if (Array.isArray(compatibilities) && compatibilities.includes("FARGATE")) {
    if (body.networkMode !== "awsvpc") {
      throw clientException("Fargate only supports network mode 'awsvpc'.");
    }
    for (const field of ["cpu", "memory"]) {
      if (typeof body[field] !== "string" || body[field] === "") {
        throw clientException(`Fargate requires that '${field}' be defined at the task level.`);
      }
    }
  }
  const revisions = world.taskDefinitions.get(family) ?? [];
  const record: TaskDefinitionRecord = {
    family,
    revision: (revisions.at(-1)?.revision ?? 0) + 1,
    registeredAtMs: nowMs,
    body: structuredClone(body),
    tags: Array.isArray(tags) ? structuredClone(tags) : [],
  };
  world.taskDefinitions.set(family, [...revisions, record]);
  return record;
}

function checkContainers(containers: unknown): void {
  if (!Array.isArray(containers) || containers.length === 0) {
    throw clientException("Container list cannot be empty.");
  }
  const names = new Set<string>();
  for (const container of containers as Array<Record<string, unknown>>) {
    const name = container?.name;
    if (typeof name !== "string" || !NAME.test(name)) {
      throw clientException("Container.name should not be null or empty.");
    }
    if (names.has(name)) throw clientException(`Duplicate container name found: ${name}.`);
    names.add(name);
    if (typeof container.image !== "string" || container.image.trim() === "") {
      throw clientException("Container.image should not be null or empty.");
    }
  }
}

/**
 * A task definition by family (its latest revision), `family:revision` or full ARN, as
 * DescribeTaskDefinition and UpdateService accept it.
 */
export function findTaskDefinition(
  world: EcsWorld,
  reference: string,
): TaskDefinitionRecord | undefined {
  const name = /:task-definition\/(.+)$/.exec(reference)?.[1] ?? reference;
  const [family = "", revision] = name.split(":");
  const revisions = world.taskDefinitions.get(family) ?? [];
  if (revision === undefined) return revisions.at(-1);
  return revisions.find((record) => String(record.revision) === revision);
}

/** The task definition as DescribeTaskDefinition returns it (timestamps in epoch seconds). */
export function presentTaskDefinition(world: EcsWorld, record: TaskDefinitionRecord) {
  const fargate =
    Array.isArray(record.body.requiresCompatibilities) &&
    record.body.requiresCompatibilities.includes("FARGATE");
  return {
    ...structuredClone(record.body),
    taskDefinitionArn: taskDefinitionArn(world, record),
    revision: record.revision,
    status: "ACTIVE",
    requiresAttributes: [],
    compatibilities: fargate ? ["EC2", "FARGATE"] : ["EC2"],
    registeredAt: record.registeredAtMs / 1000,
    registeredBy: `arn:aws:iam::${world.accountId}:root`,
  };
}
