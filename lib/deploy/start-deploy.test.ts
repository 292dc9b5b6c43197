import { DescribeTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { deployments } from "@/db/schema/deploy";
import { auditLog } from "@/db/schema/platform";
import { users, type User } from "@/db/schema/users";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createEcsSimulator, type EcsSimulator } from "@/sandbox/ecs/simulator";
import { migratedTestDatabase } from "@/test/database";
import { deployRefusalOf, previewDeploy, recentDeployments, startDeploy } from "./start-deploy";
import { isAppError } from "@/lib/platform/app-error";
import { followRunningDeployment, trackDeployment } from "./track-deployment";
import { createEcsTarget, type EcsTarget } from "./ecs-target";

const STEP_MS = 1000;
const repository = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/promo-bot";
const otel = { name: "otel", image: "public.ecr.aws/aws-otel-collector:v0.40", essential: false };

let connection: DatabaseConnection;
let admin: User;
let seller: User;
let server: ServedHandler;
let simulator: EcsSimulator;
let clock = 0;
/** Stands in for a network that refuses some calls (AWS permissions, an outage). */
let refuse: string | undefined;
let target: EcsTarget;

const db = () => connection.db;
const asAdmin = () => ({ user: admin });
const targetFor = (overrides: { cluster?: string; imageRepository?: string } = {}) =>
  createEcsTarget({
    region: "eu-central-1",
    endpoint: server.url,
    cluster: "promo",
    service: "promo-web",
    imageRepository: repository,
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" },
    ...overrides,
  });

beforeAll(async () => {
  connection = await migratedTestDatabase("deploy");
  [admin, seller] = (await db()
    .insert(users)
    .values([
      { telegramId: 8_100_001, name: "Ada Admin", role: "admin" },
      { telegramId: 8_100_002, name: "Sam Seller", role: "seller" },
    ])
    .returning()) as [User, User];
  server = await serveFetchHandler(async (request) => {
    const operation = request.headers.get("x-amz-target")?.split(".")[1];
    if (operation && operation === refuse) {
      return Response.json(
        { __type: "AccessDeniedException", message: `User is not authorized to ${operation}` },
        { status: 400, headers: { "content-type": "application/x-amz-json-1.1" } },
      );
    }
    return simulator.handle(request);
  });
  target = targetFor();
});

afterAll(async () => {
  await server.close();
  await connection.close();
});

beforeEach(async () => {
  clock = Date.parse("2026-05-04T10:00:00Z");
  refuse = undefined;
  simulator = createEcsSimulator({
    stepMs: STEP_MS,
    now: () => clock,
    services: [
      {
        cluster: "promo",
        service: "promo-web",
        image: `${repository}:v1.0.0`,
        sidecars: [otel],
      },
    ],
  });
  await db().delete(auditLog);
  await db().delete(deployments);
});

const later = (steps: number) => {
  clock += steps * STEP_MS;
};
const audit = () =>
  db()
    .select({ action: auditLog.action, actor: auditLog.actorUserId, data: auditLog.data })
    .from(auditLog)
    .orderBy(auditLog.id);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error) => (isAppError(error) ? deployRefusalOf(error) : `unexpected: ${error}`),
  );

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

    refuse = "UpdateService";
    await expect(startDeploy(db(), target, asAdmin(), { tag: "v1.1.0" })).rejects.toMatchObject({
      reason: "ecsFailed",
      details: { detail: "AccessDeniedException: User is not authorized to UpdateService" },
    });
    const [failed] = await db().select().from(deployments);
    expect(failed).toMatchObject({ status: "failed", taskDefinitionArn: null });
    expect(failed?.finishedAt).toBeInstanceOf(Date);
    refuse = undefined;
    expect(await refusal(startDeploy(db(), target, asAdmin(), { tag: "v1.1.0" }))).toBe("accepted");
  });

  it("keeps showing the last poll when ECS cannot be reached, and fails a deploy that never reached ECS", async () => {
    await startDeploy(db(), target, asAdmin(), { tag: "v1.1.0" });
    refuse = "DescribeServices";
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
    refuse = undefined;
    const orphan = await trackDeployment(db(), target, asAdmin());
    expect(orphan?.deployment.status).toBe("failed");
    expect(orphan?.detail.reason).toBe("The deploy stopped before ECS started a rollout.");
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
