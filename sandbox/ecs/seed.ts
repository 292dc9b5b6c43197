import { addEvent } from "./rollout";
import { newDeploymentId, taskDefinitionArn, type EcsWorld, type ServiceRecord } from "./state";
import { registerTaskDefinition } from "./task-definitions";

/** A service the simulator starts with, already running one completed deployment. */
export interface SeedService {
  cluster: string;
  service: string;
  /** The app container's image, e.g. `…/promo-bot:v1.0.0`. */
  image: string;
  /** Task definition family; defaults to the service name. */
  family?: string;
  /** The app container's name (default "app"). */
  containerName?: string;
  /** More containers beside the app (sidecars), as in a task definition. */
  sidecars?: Array<Record<string, unknown>>;
  desiredCount?: number;
  circuitBreaker?: { enable: boolean; rollback: boolean };
}

/**
 * Registers the service's first task definition (a Fargate task like the app's: roles, awsvpc,
 * a health check, awslogs) and starts the service on it, settled.
 */
export function seedService(world: EcsWorld, seed: SeedService, nowMs: number): void {
  const family = seed.family ?? seed.service;
  const containerName = seed.containerName ?? "app";
  const record = registerTaskDefinition(
    world,
    {
      family,
      taskRoleArn: `arn:aws:iam::${world.accountId}:role/${family}-task`,
      executionRoleArn: `arn:aws:iam::${world.accountId}:role/${family}-execution`,
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "512",
      memory: "1024",
      runtimePlatform: { cpuArchitecture: "X86_64", operatingSystemFamily: "LINUX" },
      containerDefinitions: [
        {
          name: containerName,
          image: seed.image,
          essential: true,
          portMappings: [{ containerPort: 3000, protocol: "tcp" }],
          environment: [{ name: "PORT", value: "3000" }],
          healthCheck: {
            command: ["CMD-SHELL", "wget -qO- http://127.0.0.1:3000/api/health || exit 1"],
            interval: 15,
            timeout: 5,
            retries: 3,
            startPeriod: 30,
          },
          logConfiguration: {
            logDriver: "awslogs",
            options: {
              "awslogs-group": `/ecs/${family}`,
              "awslogs-region": world.region,
              "awslogs-stream-prefix": containerName,
            },
          },
        },
        ...(seed.sidecars ?? []),
      ],
    },
    nowMs,
  );
  const desiredCount = seed.desiredCount ?? 2;
  const arn = taskDefinitionArn(world, record);
  const id = newDeploymentId();
  const service: ServiceRecord = {
    name: seed.service,
    clusterName: seed.cluster,
    desiredCount,
    createdAtMs: nowMs,
    circuitBreaker: seed.circuitBreaker ?? { enable: true, rollback: true },
    deployments: [
      {
        id,
        status: "PRIMARY",
        taskDefinitionArn: arn,
        desiredCount,
        pendingCount: 0,
        runningCount: desiredCount,
        failedTasks: 0,
        createdAtMs: nowMs,
        updatedAtMs: nowMs,
        rolloutState: "COMPLETED",
        rolloutStateReason: `ECS deployment ${id} completed.`,
        phase: "done",
        phaseSinceMs: nowMs,
        taskIds: [],
      },
    ],
    events: [],
    lastCompleted: { id, taskDefinitionArn: arn },
  };
  addEvent(service, nowMs, `(service ${seed.service}) has reached a steady state.`);
  const cluster = world.clusters.get(seed.cluster) ?? new Map<string, ServiceRecord>();
  cluster.set(seed.service, service);
  world.clusters.set(seed.cluster, cluster);
}
