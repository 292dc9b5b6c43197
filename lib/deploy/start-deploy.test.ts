import { DescribeTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deployments } from "@/db/schema/deploy";
import { auditLog } from "@/db/schema/platform";
import { previewDeploy, recentDeployments, startDeploy } from "./start-deploy";
import { trackDeployment } from "./track-deployment";
import {
  admin,
  asAdmin,
  audit,
  db,
  later,
  refusal,
  refuseCalls,
  repository,
  seller,
  simulator,
  target,
  targetFor,
  setUpDeployTestbed,
} from "./test-support";

setUpDeployTestbed("deploy");

describe("deploying a tag to ECS", () => {
  it("shows from → to, registers a copy with only the image changed, and follows it to completed", async () => {
    expect(await previewDeploy(db(), target, asAdmin(), { tag: " v1.1.0 " })).toEqual({
      tag: "v1.1.0",
      fromImage: `${repository}:v1.0.0`,
      toImage: `${repository}:v1.1.0`,
    });
    expect(simulator.calls("UpdateService")).toEqual([]);

    const started = await startDeploy(db(), target, asAdmin(), { tag: "v1.1.0" });
    expect(started).toMatchObject({
      status: "in_progress",
      requestedBy: admin.id,
      fromImage: `${repository}:v1.0.0`,
      toImage: `${repository}:v1.1.0`,
      taskDefinitionArn: "arn:aws:ecs:eu-central-1:123456789012:task-definition/promo-web:2",
      finishedAt: null,
    });
    expect(simulator.calls().map((call) => call.operation)).toEqual([
      "DescribeServices",
      "DescribeTaskDefinition",
      "DescribeServices",
      "DescribeTaskDefinition",
      "RegisterTaskDefinition",
      "UpdateService",
    ]);
    const [before, after] = await Promise.all(
      ["promo-web:1", "promo-web:2"].map(async (taskDefinition) => {
        const described = await target.client.send(
          new DescribeTaskDefinitionCommand({ taskDefinition }),
        );
        const { taskDefinitionArn, revision, registeredAt, ...rest } = described.taskDefinition!;
        expect([taskDefinitionArn, revision, registeredAt]).not.toContain(undefined);
        return rest;
      }),
    );
    expect(after!.containerDefinitions![0]!.image).toBe(`${repository}:v1.1.0`);
    after!.containerDefinitions![0]!.image = `${repository}:v1.0.0`;
    expect(after).toEqual(before);

    const first = await trackDeployment(db(), target, asAdmin());
    expect(first?.deployment.status).toBe("in_progress");
    expect(first?.detail.rollout).toMatchObject({
      state: "IN_PROGRESS",
      phase: "deploying",
      desired: 2,
      running: 2,
    });
    later(1);
    const placing = await trackDeployment(db(), target, asAdmin());
    expect(placing?.detail.rollout).toMatchObject({ running: 2, pending: 2 });
    expect(placing?.detail.events?.[0]?.message).toMatch(/has started 2 tasks/);

    later(2);
    const done = await trackDeployment(db(), target, asAdmin());
    expect(done?.deployment).toMatchObject({ status: "completed", requester: "Ada Admin" });
    expect(done?.deployment.finishedAt).toBeInstanceOf(Date);
    expect(done?.detail.rollout).toMatchObject({ state: "COMPLETED", running: 2, pending: 0 });
    expect(done?.detail.events?.map((event) => event.message)).toContain(
      "(service promo-web) has reached a steady state.",
    );

    // Several copies (or tabs) polling after the end change nothing and audit nothing more.
    await Promise.all([1, 2, 3].map(() => trackDeployment(db(), target, asAdmin())));
    expect(await audit()).toEqual([
      {
        action: "deploy.requested",
        actor: admin.id,
        data: { fromImage: `${repository}:v1.0.0`, toImage: `${repository}:v1.1.0` },
      },
      {
        action: "deploy.finished",
        actor: null,
        data: { status: "completed", toImage: `${repository}:v1.1.0` },
      },
    ]);
  });

  it("refuses a second deploy while one runs, even two started at the same moment", async () => {
    const results = await Promise.all(
      ["v1.1.0", "v1.2.0"].map((tag) => refusal(startDeploy(db(), target, asAdmin(), { tag }))),
    );
    expect(results.sort()).toEqual(["accepted", "running"]);
    expect(simulator.calls("UpdateService")).toHaveLength(1);
    expect(await refusal(previewDeploy(db(), target, asAdmin(), { tag: "v1.3.0" }))).toBe(
      "running",
    );
    expect(await db().select().from(deployments)).toHaveLength(1);
  });

  it("refuses sellers in lib, before ECS or the database is touched", async () => {
    const asSeller = { user: seller };
    for (const attempt of [
      previewDeploy(db(), target, asSeller, { tag: "v9" }),
      startDeploy(db(), target, asSeller, { tag: "v9" }),
      trackDeployment(db(), target, asSeller),
      recentDeployments(db(), asSeller),
    ]) {
      expect(await refusal(attempt)).toBe("forbidden");
    }
    expect(simulator.calls()).toEqual([]);
    expect(await db().select().from(deployments)).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it("takes only Docker tags, and says when ECS is not set up", async () => {
    for (const tag of ["", "-v1", ".v1", "v1:latest", "v1 beta", "v/1", "x".repeat(129)]) {
      expect(await refusal(startDeploy(db(), target, asAdmin(), { tag })), tag).toBe("invalidTag");
    }
    // What a replayed server action may carry instead of a string.
    const notAString = { tag: { toString: () => "v1" } } as unknown as { tag: string };
    expect(await refusal(startDeploy(db(), target, asAdmin(), notAString))).toBe("invalidTag");
    expect(await previewDeploy(db(), target, asAdmin(), { tag: "V1.2.3_rc-1" })).toMatchObject({
      toImage: `${repository}:V1.2.3_rc-1`,
    });
    expect(await refusal(startDeploy(db(), undefined, asAdmin(), { tag: "v1" }))).toBe(
      "notConfigured",
    );
  });

  it("passes ECS's refusals on, and frees the slot when one comes after it was claimed", async () => {
    const wrongCluster = targetFor({ cluster: "elsewhere" });
    await expect(
      startDeploy(db(), wrongCluster, asAdmin(), { tag: "v1.1.0" }),
    ).rejects.toMatchObject({
      code: "unavailable",
      reason: "ecsFailed",
      details: { detail: "ClusterNotFoundException: Cluster not found." },
    });
    const otherRepository = targetFor({ imageRepository: "ghcr.io/someone/else" });
    await expect(
      previewDeploy(db(), otherRepository, asAdmin(), { tag: "v1.1.0" }),
    ).rejects.toMatchObject({
      reason: "ecsFailed",
      details: {
        detail:
          "task definition promo-web:1 has no single container running an image from ghcr.io/someone/else",
      },
    });
    expect(await db().select().from(deployments)).toEqual([]);

    refuseCalls("UpdateService");
    await expect(startDeploy(db(), target, asAdmin(), { tag: "v1.1.0" })).rejects.toMatchObject({
      reason: "ecsFailed",
      details: { detail: "AccessDeniedException: User is not authorized to UpdateService" },
    });
    const [failed] = await db().select().from(deployments);
    expect(failed).toMatchObject({ status: "failed", taskDefinitionArn: null });
    expect(failed?.finishedAt).toBeInstanceOf(Date);
    refuseCalls(undefined);
    expect(await refusal(startDeploy(db(), target, asAdmin(), { tag: "v1.1.0" }))).toBe("accepted");
  });

  it("lets a shell deploy without a user, naming who ran it in the audit log", async () => {
    const row = await startDeploy(db(), target, { shell: "ops@host" }, { tag: "v1.1.0" });
    expect(row.requestedBy).toBeNull();
    const [requested] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "deploy.requested"));
    expect(requested).toMatchObject({ actorUserId: null, data: { shell: "ops@host" } });
  });
});
