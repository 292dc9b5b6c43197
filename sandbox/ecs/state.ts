import { randomBytes, randomUUID } from "node:crypto";

/** A registered task definition revision: what RegisterTaskDefinition was given, verbatim. */
export interface TaskDefinitionRecord {
  family: string;
  revision: number;
  registeredAtMs: number;
  /** The request's fields (containerDefinitions, cpu, memory, roles, …) as sent. */
  body: Record<string, unknown>;
  tags: Array<{ key?: string; value?: string }>;
}

export type RolloutState = "IN_PROGRESS" | "COMPLETED" | "FAILED";

/**
 * Where a deployment's tasks are in the simulated timeline; each phase lasts one step:
 * placing (nothing yet) → starting (tasks PENDING) → running (healthy; the old tasks drain at
 * the next step) → done. A failing image goes starting → placing again until the circuit
 * breaker trips.
 */
export type RolloutPhase = "placing" | "starting" | "running" | "done";

export interface DeploymentRecord {
  id: string;
  status: "PRIMARY" | "ACTIVE";
  taskDefinitionArn: string;
  desiredCount: number;
  pendingCount: number;
  runningCount: number;
  failedTasks: number;
  createdAtMs: number;
  updatedAtMs: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  phase: RolloutPhase;
  phaseSinceMs: number;
  /** Task ids of the current attempt, quoted in the service's events. */
  taskIds: string[];
}

export interface ServiceEventRecord {
  id: string;
  createdAtMs: number;
  message: string;
}

export interface ServiceRecord {
  name: string;
  clusterName: string;
  desiredCount: number;
  createdAtMs: number;
  circuitBreaker: { enable: boolean; rollback: boolean };
  /** PRIMARY first. */
  deployments: DeploymentRecord[];
  /** Newest first, as DescribeServices lists them. */
  events: ServiceEventRecord[];
  /** The last deployment that reached COMPLETED: where the circuit breaker rolls back to. */
  lastCompleted?: { id: string; taskDefinitionArn: string };
}

export interface EcsWorld {
  region: string;
  accountId: string;
  /** Cluster name → its services by name. */
  clusters: Map<string, Map<string, ServiceRecord>>;
  /** Family → revisions, oldest first. */
  taskDefinitions: Map<string, TaskDefinitionRecord[]>;
}

export const arn = (world: EcsWorld, resource: string) =>
  `arn:aws:ecs:${world.region}:${world.accountId}:${resource}`;

export const taskDefinitionArn = (world: EcsWorld, record: TaskDefinitionRecord) =>
  arn(world, `task-definition/${record.family}:${record.revision}`);

/** ECS's deployment ids: `ecs-svc/` and 19 digits. */
export function newDeploymentId(): string {
  const digits = Array.from(randomBytes(19), (byte) => String(byte % 10)).join("");
  return `ecs-svc/${digits.replace(/^0/, "1")}`;
}

/** Task ids are 32 hex characters. */
export const newTaskId = () => randomBytes(16).toString("hex");

export const newEventId = () => randomUUID();

/** Structured copies leave the simulator, so callers cannot change its state by accident. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}
