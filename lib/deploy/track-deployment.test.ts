import type { Deployment, Service } from "@aws-sdk/client-ecs";
import { describe, expect, it } from "vitest";
import type { DeploymentDetail } from "./deployment-detail";
import { judgeRollout } from "./track-deployment";

const startedAt = new Date("2026-05-04T10:00:00Z");
const ours = "ecs-svc/2222222222222222222";
const detail: DeploymentDetail = {
  cluster: "promo",
  service: "promo-web",
  container: "app",
  fromTaskDefinitionArn: "td:1",
  ecsDeploymentId: ours,
  ecsDeploymentCreatedAt: "2026-05-04T10:00:01.000Z",
  via: "dashboard",
};
const deployment = (fields: Partial<Deployment>): Deployment => ({
  status: "PRIMARY",
  rolloutState: "IN_PROGRESS",
  createdAt: new Date("2026-05-04T10:00:01Z"),
  ...fields,
});
const service = (deployments: Deployment[], events: string[] = []): Service => ({
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  deployments,
  events: events.map((message) => ({ message, createdAt: new Date("2026-05-04T10:00:09Z") })),
});
const old = deployment({
  id: "ecs-svc/1111111111111111111",
  status: "ACTIVE",
  taskDefinition: "td:1",
  rolloutState: "COMPLETED",
  createdAt: new Date("2026-05-01T08:00:00Z"),
});

describe("judging a rollout from DescribeServices", () => {
  it("waits while ECS still shows the service from before our UpdateService", () => {
    const stale = service([{ ...old, status: "PRIMARY" }]);
    expect(judgeRollout(detail, stale, startedAt).status).toBe("in_progress");
  });

  it("follows our PRIMARY deployment to completed or failed (no rollback configured)", () => {
    const primary = (rolloutState: Deployment["rolloutState"]) =>
      service([deployment({ id: ours, taskDefinition: "td:2", rolloutState }), old]);
    expect(judgeRollout(detail, primary("IN_PROGRESS"), startedAt)).toMatchObject({
      status: "in_progress",
      rollout: { phase: "deploying", desired: 2 },
    });
    expect(judgeRollout(detail, primary("COMPLETED"), startedAt).status).toBe("completed");
    expect(judgeRollout(detail, primary("FAILED"), startedAt).status).toBe("failed");
  });

  it("calls it rolled back when a later deployment of the old task definition completes", () => {
    const rollback = deployment({
      id: "ecs-svc/3333333333333333333",
      taskDefinition: "td:1",
      rolloutState: "COMPLETED",
      createdAt: new Date("2026-05-04T10:00:07Z"),
    });
    // Nobody polled while it happened: ours has drained away, the events still tell why.
    const verdict = judgeRollout(
      detail,
      service(
        [rollback],
        [`(service promo-web) (deployment ${ours}) deployment failed: tasks failed to start.`],
      ),
      startedAt,
    );
    expect(verdict).toMatchObject({
      status: "rolled_back",
      reason: "ECS: deployment failed: tasks failed to start.",
      rollout: { phase: "rolling_back", state: "COMPLETED" },
    });
  });

  it("fails when someone else's deployment replaced ours", () => {
    const other = deployment({
      id: "ecs-svc/4",
      taskDefinition: "td:7",
      rolloutState: "COMPLETED",
    });
    expect(judgeRollout(detail, service([other]), startedAt)).toMatchObject({
      status: "failed",
      reason: "Another deployment (td:7) replaced this one.",
    });
  });

  it("gives a row that never reached UpdateService two minutes before failing it", () => {
    const unstarted = { ...detail, ecsDeploymentId: undefined };
    const s = service([{ ...old, status: "PRIMARY" }]);
    expect(judgeRollout(unstarted, s, startedAt, startedAt.getTime() + 60_000).status).toBe(
      "in_progress",
    );
    expect(judgeRollout(unstarted, s, startedAt, startedAt.getTime() + 180_000).status).toBe(
      "failed",
    );
  });
});
