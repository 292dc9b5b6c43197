import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { deployments } from "@/db/schema/deploy";
import { recordAudit } from "@/lib/platform/record-audit";
import { users, type User } from "@/db/schema/users";
import type { DeploymentDetail } from "./deployment-detail";
import {
  readRunningRevision,
  registerWithImage,
  updateServiceTo,
  type RunningRevision,
} from "./ecs-service";
import type { EcsTarget } from "./ecs-target";
import { isUniqueViolation } from "@/lib/platform/unique-violation";
import { AppError, parseInput } from "@/lib/platform/app-error";
import { assertAdmin } from "@/lib/auth/admin-only";

/** Docker's tag rule: up to 128 of A-Za-z0-9_.- and not starting with "." or "-". */
export const imageTag = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "invalidTag");

export const deployInput = z.object({ tag: imageTag });

/** Who asks: a signed-in user (must be an admin), or someone at a shell with the app's settings. */
export type DeployActor = { user: User } | { shell: string };

export type DeployRefusal = "forbidden" | "invalidTag" | "notConfigured" | "running" | "ecsFailed";

/**
 * Why a deploy was refused, as the deploy panel and the deploy script word it. The refusals
 * themselves are AppErrors: forbidden, or invalidTag / notConfigured / running / ecsFailed (with
 * ECS's own message in `details.detail`) as the reason.
 */
export function deployRefusalOf(error: AppError): DeployRefusal {
  return error.code === "forbidden" ? "forbidden" : (error.reason as DeployRefusal);
}

// Deploying replaces what every seller's shop runs on; only admins (or a shell that already
// holds the app's settings and AWS credentials) may.
export function assertMayDeploy(actor: DeployActor): void {
  if ("user" in actor) assertAdmin(actor.user);
}

function parseTag(input: z.input<typeof deployInput>): string {
  return parseInput(deployInput, input, "invalidTag").tag;
}

// Who may, which tag, what runs now and what would run instead: the same for both steps.
async function plan(
  target: EcsTarget | undefined,
  actor: DeployActor,
  input: z.input<typeof deployInput>,
) {
  assertMayDeploy(actor);
  const tag = parseTag(input);
  const [service, running] = await runningNow(target);
  return { tag, service, running, toImage: `${service.imageRepository}:${tag}` };
}

async function runningNow(target: EcsTarget | undefined): Promise<[EcsTarget, RunningRevision]> {
  if (!target) throw new AppError("unavailable", "notConfigured");
  // ECS's own refusals arrive as `ecsFailed` already (askEcs).
  return [target, await readRunningRevision(target)];
}

async function deploymentRunning(db: Database) {
  const [row] = await db
    .select({ id: deployments.id })
    .from(deployments)
    .where(eq(deployments.status, "in_progress"))
    .limit(1);
  return Boolean(row);
}

/** The confirmation step: what runs now and what the tag would run, without changing anything. */
export async function previewDeploy(
  db: Database,
  target: EcsTarget | undefined,
  actor: DeployActor,
  input: z.input<typeof deployInput>,
) {
  const { tag, running, toImage } = await plan(target, actor, input);
  if (await deploymentRunning(db)) throw new AppError("conflict", "running");
  return { tag, fromImage: running.container.image ?? "", toImage };
}

/**
 * Deploys an image tag: the running task definition is copied with the app container's image
 * replaced by `<DEPLOY_IMAGE_REPOSITORY>:<tag>`, registered, and the service updated to it. A
 * deployments row claims the one rollout slot first (a partial unique index allows a single
 * `in_progress` row), so two admins or app copies can never roll out at once; trackDeployment
 * follows it from there.
 */
export async function startDeploy(
  db: Database,
  target: EcsTarget | undefined,
  actor: DeployActor,
  input: z.input<typeof deployInput>,
) {
  const { service, running, toImage } = await plan(target, actor, input);
  const detail: DeploymentDetail = {
    cluster: service.cluster,
    service: service.service,
    container: running.container.name ?? "",
    fromTaskDefinitionArn: running.taskDefinition.taskDefinitionArn ?? "",
    via: "user" in actor ? "dashboard" : "shell",
  };
  const row = await claimRollout(db, actor, running.container.image ?? null, toImage, detail);
  try {
    const taskDefinitionArn = await registerWithImage(service, running, toImage);
    const ecsDeployment = await updateServiceTo(service, taskDefinitionArn);
    const [started] = await db
      .update(deployments)
      .set({
        taskDefinitionArn,
        detail: {
          ...detail,
          ecsDeploymentId: ecsDeployment.id,
          ecsDeploymentCreatedAt: ecsDeployment.createdAt.toISOString(),
        },
      })
      .where(eq(deployments.id, row.id))
      .returning();
    return started ?? row;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await finishDeployment(db, row.id, "failed", { ...detail, reason });
    throw error;
  }
}

async function claimRollout(
  db: Database,
  actor: DeployActor,
  fromImage: string | null,
  toImage: string,
  detail: DeploymentDetail,
) {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(deployments)
        .values({
          requestedBy: "user" in actor ? actor.user.id : null,
          fromImage,
          toImage,
          detail,
        })
        .returning();
      if (!row) throw new Error("deployment insert returned nothing");
      await recordAudit(tx, {
        actorUserId: "user" in actor ? actor.user.id : null,
        action: "deploy.requested",
        targetType: "deployment",
        targetId: row.id,
        data: { fromImage, toImage, ...("shell" in actor ? { shell: actor.shell } : {}) },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error, "deployments_one_in_progress")) {
      throw new AppError("conflict", "running");
    }
    throw error;
  }
}

/**
 * Ends a rollout once: only the caller whose update still finds the row in progress writes
 * the outcome and its audit entry, however many app copies poll at the same moment.
 */
export async function finishDeployment(
  db: Database,
  id: string,
  status: "completed" | "failed" | "rolled_back",
  detail: DeploymentDetail,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(deployments)
      .set({ status, detail, finishedAt: new Date() })
      .where(and(eq(deployments.id, id), eq(deployments.status, "in_progress")))
      .returning();
    if (row) {
      await recordAudit(tx, {
        action: "deploy.finished",
        targetType: "deployment",
        targetId: id,
        data: { status, toImage: row.toImage, ...(detail.reason ? { reason: detail.reason } : {}) },
      });
    }
    return row;
  });
}

/** The latest deployments, newest first, for the Settings page's history. */
export async function recentDeployments(db: Database, actor: DeployActor, limit = 5) {
  assertMayDeploy(actor);
  const rows = await db
    .select({ deployment: deployments, requester: users.name })
    .from(deployments)
    .leftJoin(users, eq(users.id, deployments.requestedBy))
    .orderBy(desc(deployments.startedAt))
    .limit(limit);
  return rows.map(({ deployment, requester }) => ({ ...deployment, requester }));
}
