import type { Deployment as EcsDeployment, Service } from "@aws-sdk/client-ecs";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deployments } from "@/db/schema/deploy";
import {
  assertMayDeploy,
  finishDeployment,
  recentDeployments,
  type DeployActor,
} from "./start-deploy";
import { readDetail, type DeploymentDetail, type RolloutSnapshot } from "./deployment-detail";
import { describeService } from "./ecs-service";
import { isAppError } from "@/lib/platform/app-error";
import type { EcsTarget } from "./ecs-target";

// A row without ECS's deployment id this long after it started lost its process between
// claiming the slot and UpdateService (a restart); it would otherwise block deploys forever.
const START_GRACE_MS = 2 * 60_000;
const EVENTS_SHOWN = 8;

export interface RolloutVerdict {
  status: "in_progress" | "completed" | "failed" | "rolled_back";
  rollout?: RolloutSnapshot;
  reason?: string;
}

/**
 * Reads where a rollout stands from the service as DescribeServices shows it. Ours is the
 * deployment UpdateService started; when the circuit breaker gives up on it, ECS starts a new
 * PRIMARY deployment of the previous task definition (the rollback), and ours drops back to
 * ACTIVE (FAILED) and then out of the list.
 */
export function judgeRollout(
  detail: DeploymentDetail,
  service: Service,
  startedAt: Date,
  nowMs = Date.now(),
): RolloutVerdict {
  if (!detail.ecsDeploymentId) {
    return nowMs - startedAt.getTime() > START_GRACE_MS
      ? { status: "failed", reason: "The deploy stopped before ECS started a rollout." }
      : { status: "in_progress" };
  }
  const all = service.deployments ?? [];
  const primary = all.find((deployment) => deployment.status === "PRIMARY");
  if (!primary) return { status: "in_progress" };
  const ours = all.find((deployment) => deployment.id === detail.ecsDeploymentId);
  const snapshot = (phase: RolloutSnapshot["phase"]): RolloutSnapshot => ({
    state: primary.rolloutState ?? "IN_PROGRESS",
    ...(primary.rolloutStateReason ? { reason: primary.rolloutStateReason } : {}),
    phase,
    desired: service.desiredCount ?? 0,
    running: service.runningCount ?? 0,
    pending: service.pendingCount ?? 0,
  });

  if (primary.id === detail.ecsDeploymentId) {
    const rollout = snapshot("deploying");
    if (primary.rolloutState === "COMPLETED") return { status: "completed", rollout };
    if (primary.rolloutState === "FAILED") {
      return { status: "failed", rollout, reason: primary.rolloutStateReason };
    }
    return { status: "in_progress", rollout };
  }
  // ECS answers reads from a moment before our UpdateService: the old deployment is still
  // PRIMARY. Anything created before ours cannot be a reaction to it.
  if (isOlderThanOurs(primary, detail)) return { status: "in_progress" };
  if (primary.taskDefinition !== detail.fromTaskDefinitionArn) {
    return {
      status: "failed",
      rollout: snapshot("deploying"),
      reason: `Another deployment (${primary.taskDefinition}) replaced this one.`,
    };
  }
  const rollout = snapshot("rolling_back");
  const why = ours?.rolloutStateReason ?? detail.reason ?? failureEvent(service, detail);
  if (primary.rolloutState === "COMPLETED") return { status: "rolled_back", rollout, reason: why };
  if (primary.rolloutState === "FAILED") {
    return { status: "failed", rollout, reason: `The rollback failed too: ${why}` };
  }
  return { status: "in_progress", rollout, reason: why };
}

// Ours may have drained out of the list before anyone looked (nobody had the page open); the
// service's events still say why it failed.
function failureEvent(service: Service, detail: DeploymentDetail): string {
  const marker = `(deployment ${detail.ecsDeploymentId}) `;
  const event = service.events?.find((candidate) => candidate.message?.includes(marker));
  const text = event?.message?.split(marker)[1];
  return text ? `ECS: ${text}` : "The new tasks did not become healthy.";
}

function isOlderThanOurs(primary: EcsDeployment, detail: DeploymentDetail): boolean {
  if (!primary.createdAt || !detail.ecsDeploymentCreatedAt) return false;
  return primary.createdAt.getTime() < Date.parse(detail.ecsDeploymentCreatedAt);
}

/** The service's latest events since the rollout began, newest first. */
function eventsSince(service: Service, detail: DeploymentDetail, startedAt: Date) {
  const since = Date.parse(detail.ecsDeploymentCreatedAt ?? "") || startedAt.getTime();
  return (service.events ?? [])
    .filter((event) => (event.createdAt?.getTime() ?? 0) >= since - 1000)
    .slice(0, EVENTS_SHOWN)
    .map((event) => ({ at: event.createdAt?.toISOString() ?? "", message: event.message ?? "" }));
}

export type TrackedDeployment = Awaited<ReturnType<typeof recentDeployments>>[number];

export interface DeployProgress {
  deployment: TrackedDeployment;
  detail: DeploymentDetail;
  /** ECS could not be asked this time; the row is unchanged and the next poll tries again. */
  unreachable?: string;
}

/**
 * The latest deployment, brought up to date from ECS while it is in progress. Every poll of the
 * Settings page (or the deploy script) calls this; the row only moves forward through
 * conditional updates, so any number of app copies may poll at once and the outcome, with its
 * audit entry, is written exactly once.
 */
export async function trackDeployment(
  db: Database,
  target: EcsTarget | undefined,
  actor: DeployActor,
): Promise<DeployProgress | undefined> {
  assertMayDeploy(actor);
  const [latest] = await recentDeployments(db, actor, 1);
  if (!latest) return undefined;
  const detail = readDetail(latest.detail);
  if (latest.status !== "in_progress" || !target) return { deployment: latest, detail };

  let service: Service;
  try {
    service = await describeService(target);
  } catch (error) {
    if (!isAppError(error, "unavailable")) throw error;
    return { deployment: latest, detail, unreachable: error.message };
  }
  const verdict = judgeRollout(detail, service, latest.startedAt);
  const next: DeploymentDetail = {
    ...detail,
    ...(verdict.rollout ? { rollout: verdict.rollout } : {}),
    events: eventsSince(service, detail, latest.startedAt),
    ...(verdict.reason ? { reason: verdict.reason } : {}),
  };
  const row =
    verdict.status === "in_progress"
      ? (
          await db
            .update(deployments)
            .set({ detail: next })
            .where(and(eq(deployments.id, latest.id), eq(deployments.status, "in_progress")))
            .returning()
        )[0]
      : await finishDeployment(db, latest.id, verdict.status, next);
  if (row) return { deployment: { ...row, requester: latest.requester }, detail: next };
  // Another copy finished it in the meantime: show what it wrote.
  const [current] = await recentDeployments(db, actor, 1);
  return current ? { deployment: current, detail: readDetail(current.detail) } : undefined;
}

/**
 * Brings a running deployment's row up to date without anyone watching: the outbox worker
 * calls this every minute, so a rollout started from the page (or a shell) that was then
 * closed still ends as completed or rolled back, with its audit entry.
 */
export async function followRunningDeployment(db: Database, target: EcsTarget | undefined) {
  if (!target) return undefined;
  return trackDeployment(db, target, { shell: "the app, every minute" });
}
