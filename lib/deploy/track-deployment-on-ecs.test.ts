import { describe, expect, it } from "vitest";
import { deployments } from "@/db/schema/deploy";
import { startDeploy } from "./start-deploy";
import { followRunningDeployment, trackDeployment } from "./track-deployment";
import {
  asAdmin,
  audit,
  db,
  later,
  refusal,
  refuseCalls,
  repository,
  simulator,
  target,
  setUpDeployTestbed,
} from "./test-support";

setUpDeployTestbed("deploy_tracking");

describe("deploying a tag to ECS", () => {
  it("marks a tag whose tasks fail rolled back once ECS is back on the old task definition", async () => {
    await startDeploy(db(), target, asAdmin(), { tag: "v2-broken" });
    later(4);
    const rollingBack = await trackDeployment(db(), target, asAdmin());
    expect(rollingBack?.deployment.status).toBe("in_progress");
    expect(rollingBack?.detail.rollout).toMatchObject({ phase: "rolling_back" });
    expect(rollingBack?.detail.reason).toBe(
      "ECS deployment circuit breaker: tasks failed to start.",
    );
    expect(rollingBack?.detail.events?.map((event) => event.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/deployment failed: tasks failed to start\.$/),
        expect.stringMatching(/^\(service promo-web\) rolling back to deployment ecs-svc\//),
      ]),
    );
    // Still one rollout at a time: the rollback is part of this one.
    expect(await refusal(startDeploy(db(), target, asAdmin(), { tag: "v2.0.1" }))).toBe("running");

    later(3);
    const rolledBack = await trackDeployment(db(), target, asAdmin());
    expect(rolledBack?.deployment).toMatchObject({
      status: "rolled_back",
      toImage: `${repository}:v2-broken`,
    });
    expect(rolledBack?.detail.rollout).toMatchObject({ state: "COMPLETED", phase: "rolling_back" });
    expect(simulator.describe("promo", "promo-web").taskDefinition).toMatch(/promo-web:1$/);
    expect((await audit()).map((row) => [row.action, row.data])).toEqual([
      ["deploy.requested", expect.anything()],
      [
        "deploy.finished",
        {
          status: "rolled_back",
          toImage: `${repository}:v2-broken`,
          reason: "ECS deployment circuit breaker: tasks failed to start.",
        },
      ],
    ]);
    // And the next deploy may go.
    expect(await refusal(startDeploy(db(), target, asAdmin(), { tag: "v2.0.1" }))).toBe("accepted");
  });

  it("keeps showing the last poll when ECS cannot be reached, and fails a deploy that never reached ECS", async () => {
    await startDeploy(db(), target, asAdmin(), { tag: "v1.1.0" });
    refuseCalls("DescribeServices");
    const blind = await trackDeployment(db(), target, asAdmin());
    expect(blind).toMatchObject({
      deployment: { status: "in_progress" },
      unreachable: "AccessDeniedException: User is not authorized to DescribeServices",
    });

    await db().delete(deployments);
    // A process that died between claiming the slot and UpdateService left this behind.
    await db()
      .insert(deployments)
      .values({
        toImage: `${repository}:v1.2.0`,
        startedAt: new Date(Date.now() - 5 * 60_000),
        detail: {
          cluster: "promo",
          service: "promo-web",
          container: "app",
          fromTaskDefinitionArn: "x",
          via: "shell",
        },
      });
    refuseCalls(undefined);
    const orphan = await trackDeployment(db(), target, asAdmin());
    expect(orphan?.deployment.status).toBe("failed");
    expect(orphan?.detail.reason).toBe("The deploy stopped before ECS started a rollout.");
  });
});

describe("a rollout nobody watches", () => {
  it("is followed by the app itself to its end, audited once", async () => {
    await startDeploy(db(), target, asAdmin(), { tag: "v1.2.0" });
    // The admin closed the page: only the app's minute task asks ECS from here on.
    expect((await followRunningDeployment(db(), target))?.deployment.status).toBe("in_progress");
    later(3);
    const done = await followRunningDeployment(db(), target);
    expect(done?.deployment.status).toBe("completed");
    expect(await followRunningDeployment(db(), undefined)).toBeUndefined();
    const finished = (await audit()).filter((row) => row.action === "deploy.finished");
    expect(finished).toEqual([
      {
        action: "deploy.finished",
        actor: null,
        data: { status: "completed", toImage: `${repository}:v1.2.0` },
      },
    ]);
  });
});
