import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type ContainerDefinition,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  type Tag,
  type TaskDefinition,
} from "@aws-sdk/client-ecs";
import type { EcsTarget } from "./ecs-target";
import { AppError, isAppError } from "@/lib/platform/app-error";

/** ECS said no, or could not be reached; the detail (and message) is ECS's own (or the SDK's). */
function ecsProblem(detail: string): AppError {
  return new AppError("unavailable", "ecsFailed", { detail });
}

/** Runs an ECS call, turning the SDK's errors into an `ecsFailed` refusal naming the exception. */
export async function askEcs<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isAppError(error)) throw error;
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    throw ecsProblem(name && name !== "Error" ? `${name}: ${message}` : message);
  }
}

export async function describeService(target: EcsTarget): Promise<Service> {
  const { services, failures } = await askEcs(() =>
    target.client.send(
      new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
    ),
  );
  const service = services?.[0];
  if (!service) {
    const reason = failures?.[0]?.reason ?? "MISSING";
    throw ecsProblem(`service ${target.service} in cluster ${target.cluster}: ${reason}`);
  }
  return service;
}

/** What the service runs now: its task definition and the app's container in it. */
export interface RunningRevision {
  taskDefinition: TaskDefinition;
  tags: Tag[];
  container: ContainerDefinition;
}

export async function readRunningRevision(target: EcsTarget): Promise<RunningRevision> {
  const service = await describeService(target);
  const { taskDefinition, tags } = await askEcs(() =>
    target.client.send(
      new DescribeTaskDefinitionCommand({
        taskDefinition: service.taskDefinition,
        include: ["TAGS"],
      }),
    ),
  );
  if (!taskDefinition) throw ecsProblem(`task definition ${service.taskDefinition} not found`);
  return { taskDefinition, tags: tags ?? [], container: appContainer(taskDefinition, target) };
}

/** `repo:tag` or `repo@sha256:…` → `repo`. */
export function repositoryOf(image: string): string {
  return image.replace(/@sha256:[0-9a-f]+$/, "").replace(/:[^/:]+$/, "");
}

// The app's container is the one running an image from DEPLOY_IMAGE_REPOSITORY; a task of a
// single container needs no such match (the first deploy after switching registries).
function appContainer(definition: TaskDefinition, target: EcsTarget): ContainerDefinition {
  const containers = definition.containerDefinitions ?? [];
  const matching = containers.filter(
    (container) => repositoryOf(container.image ?? "") === target.imageRepository,
  );
  const [only] = matching.length > 0 ? matching : containers.length === 1 ? containers : [];
  if (!only || matching.length > 1) {
    throw ecsProblem(
      `task definition ${definition.family}:${definition.revision} has no single container running an image from ${target.imageRepository}`,
    );
  }
  return only;
}

// What DescribeTaskDefinition reports about a revision but RegisterTaskDefinition does not take.
const READ_ONLY = new Set([
  "taskDefinitionArn",
  "revision",
  "status",
  "requiresAttributes",
  "compatibilities",
  "registeredAt",
  "registeredBy",
  "deregisteredAt",
]);

/**
 * Registers a copy of the running task definition with only the app container's image
 * changed: roles, sizes, environment, secrets, health check and sidecars stay as they are.
 */
export async function registerWithImage(
  target: EcsTarget,
  running: RunningRevision,
  image: string,
): Promise<string> {
  const writable = Object.fromEntries(
    Object.entries(running.taskDefinition).filter(([key]) => !READ_ONLY.has(key)),
  ) as RegisterTaskDefinitionCommandInput;
  const input: RegisterTaskDefinitionCommandInput = {
    ...writable,
    containerDefinitions: (writable.containerDefinitions ?? []).map((container) =>
      container.name === running.container.name ? { ...container, image } : container,
    ),
    ...(running.tags.length > 0 ? { tags: running.tags } : {}),
  };
  const { taskDefinition } = await askEcs(() =>
    target.client.send(new RegisterTaskDefinitionCommand(input)),
  );
  if (!taskDefinition?.taskDefinitionArn) throw ecsProblem("no task definition registered");
  return taskDefinition.taskDefinitionArn;
}

/** Points the service at the new task definition; ECS starts a rolling deployment. */
export async function updateServiceTo(target: EcsTarget, taskDefinitionArn: string) {
  const { service } = await askEcs(() =>
    target.client.send(
      new UpdateServiceCommand({
        cluster: target.cluster,
        service: target.service,
        taskDefinition: taskDefinitionArn,
      }),
    ),
  );
  const primary = service?.deployments?.find((deployment) => deployment.status === "PRIMARY");
  if (!primary?.id) throw ecsProblem("UpdateService answered without a PRIMARY deployment");
  return { id: primary.id, createdAt: primary.createdAt ?? new Date() };
}
