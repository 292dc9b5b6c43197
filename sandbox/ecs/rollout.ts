import {
  newDeploymentId,
  newEventId,
  newTaskId,
  type DeploymentRecord,
  type ServiceRecord,
} from "./state";

/** What decides how a rollout goes: the clock's pace and which images fail their checks. */
export interface RolloutRules {
  stepMs: number;
  /** The image of the deployment's essential container fails its health checks. */
  failsHealthChecks(taskDefinitionArn: string): boolean;
}

/** A new deployment of `taskDefinitionArn`, starting now; the caller makes it PRIMARY. */
export function newDeployment(
  service: ServiceRecord,
  taskDefinitionArn: string,
  nowMs: number,
): DeploymentRecord {
  const id = newDeploymentId();
  return {
    id,
    status: "PRIMARY",
    taskDefinitionArn,
    desiredCount: service.desiredCount,
    pendingCount: 0,
    runningCount: 0,
    failedTasks: 0,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    rolloutState: "IN_PROGRESS",
    rolloutStateReason: `ECS deployment ${id} in progress.`,
    phase: "placing",
    phaseSinceMs: nowMs,
    taskIds: [],
  };
}

/** Puts `deployment` in front as PRIMARY; the previous primary keeps its tasks as ACTIVE. */
export function makePrimary(service: ServiceRecord, deployment: DeploymentRecord): void {
  for (const other of service.deployments) other.status = "ACTIVE";
  service.deployments.unshift(deployment);
}

export function addEvent(service: ServiceRecord, atMs: number, message: string): void {
  service.events.unshift({ id: newEventId(), createdAtMs: atMs, message });
  // ECS keeps the latest 100 events of a service.
  service.events.length = Math.min(service.events.length, 100);
}

// ECS: the circuit breaker trips after half the desired count of failed tasks, at least 3 and
// at most 200.
const failureThreshold = (desired: number) => Math.min(200, Math.max(3, Math.ceil(desired / 2)));

/**
 * Moves the service's primary deployment along the timeline up to `nowMs`, one step per phase,
 * dating each change (and its event) when it happened, so a clock that jumps ahead gives the
 * same history as one that ticks.
 */
export function advanceRollout(service: ServiceRecord, rules: RolloutRules, nowMs: number): void {
  for (;;) {
    const primary = service.deployments[0];
    if (!primary || primary.phase === "done") return;
    const at = primary.phaseSinceMs + rules.stepMs;
    if (at > nowMs) return;
    step(service, primary, rules, at);
    primary.phaseSinceMs = at;
    primary.updatedAtMs = at;
  }
}

function step(
  service: ServiceRecord,
  deployment: DeploymentRecord,
  rules: RolloutRules,
  at: number,
): void {
  const label = `(service ${service.name})`;
  const tasks = () => deployment.taskIds.map((id) => `(task ${id})`).join(" ");
  switch (deployment.phase) {
    case "placing":
      deployment.taskIds = Array.from({ length: deployment.desiredCount }, newTaskId);
      deployment.pendingCount = deployment.desiredCount;
      deployment.phase = "starting";
      addEvent(service, at, `${label} has started ${deployment.desiredCount} tasks: ${tasks()}.`);
      return;
    case "starting":
      if (rules.failsHealthChecks(deployment.taskDefinitionArn)) {
        failAttempt(service, deployment, at);
        return;
      }
      deployment.pendingCount = 0;
      deployment.runningCount = deployment.desiredCount;
      deployment.phase = "running";
      return;
    case "running":
      complete(service, deployment, at);
      return;
  }
}

function failAttempt(service: ServiceRecord, deployment: DeploymentRecord, at: number): void {
  const label = `(service ${service.name})`;
  const tasks = deployment.taskIds.map((id) => `(task ${id})`);
  for (const task of tasks)
    addEvent(service, at, `${label} ${task} failed container health checks.`);
  addEvent(service, at, `${label} has stopped ${tasks.length} running tasks: ${tasks.join(" ")}.`);
  deployment.failedTasks += tasks.length;
  deployment.pendingCount = 0;
  deployment.taskIds = [];
  const tripped =
    service.circuitBreaker.enable &&
    deployment.failedTasks >= failureThreshold(deployment.desiredCount);
  if (!tripped) {
    // The scheduler keeps replacing failed tasks until the circuit breaker gives up.
    deployment.phase = "placing";
    return;
  }
  deployment.phase = "done";
  deployment.rolloutState = "FAILED";
  deployment.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
  addEvent(
    service,
    at,
    `${label} (deployment ${deployment.id}) deployment failed: tasks failed to start.`,
  );
  const target = service.lastCompleted;
  if (!service.circuitBreaker.rollback || !target) return;
  addEvent(service, at, `${label} rolling back to deployment ${target.id}.`);
  const rollback = newDeployment(service, target.taskDefinitionArn, at);
  rollback.rolloutStateReason = `ECS deployment circuit breaker: rolling back to deploymentId ${target.id}.`;
  makePrimary(service, rollback);
}

function complete(service: ServiceRecord, deployment: DeploymentRecord, at: number): void {
  const label = `(service ${service.name})`;
  // The old tasks drain once the new ones are healthy (minimumHealthyPercent 100).
  const draining = service.deployments.filter((other) => other !== deployment);
  const stopped = draining.reduce((sum, other) => sum + other.runningCount, 0);
  if (stopped > 0) {
    const ids = Array.from({ length: stopped }, () => `(task ${newTaskId()})`).join(" ");
    addEvent(service, at, `${label} has stopped ${stopped} running tasks: ${ids}.`);
  }
  service.deployments = [deployment];
  deployment.phase = "done";
  deployment.rolloutState = "COMPLETED";
  deployment.rolloutStateReason = `ECS deployment ${deployment.id} completed.`;
  service.lastCompleted = { id: deployment.id, taskDefinitionArn: deployment.taskDefinitionArn };
  addEvent(service, at, `${label} (deployment ${deployment.id}) deployment completed.`);
  addEvent(service, at, `${label} has reached a steady state.`);
}
