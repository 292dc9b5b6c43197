import {
  ClusterNotFoundException,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListClustersCommand,
  RegisterTaskDefinitionCommand,
  ServiceNotFoundException,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
  type TaskDefinition,
} from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serveFetchHandler, type ServedHandler } from "../serve";
import { createEcsSimulator, DEFAULT_ECS_SERVICE, type EcsSimulator } from "./simulator";

const STEP_MS = 1000;
const credentials = { accessKeyId: "AKIDSIMULATOR", secretAccessKey: "simulator-secret" };
const repository = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/promo-bot";

let clock = 0;
let simulator: EcsSimulator;
let server: ServedHandler;
let ecs: ECSClient;

beforeAll(async () => {
  server = await serveFetchHandler((request) => simulator.handle(request));
  ecs = new ECSClient({ region: "eu-central-1", endpoint: server.url, credentials });
});
afterAll(() => server.close());

beforeEach(() => {
  clock = Date.parse("2026-05-04T10:00:00Z");
  simulator = createEcsSimulator({
    stepMs: STEP_MS,
    now: () => clock,
    services: [
      {
        ...DEFAULT_ECS_SERVICE,
        sidecars: [{ name: "otel", image: "public.ecr.aws/aws-otel-collector:v0.40" }],
      },
    ],
  });
});

const service = async () => {
  const { services } = await ecs.send(
    new DescribeServicesCommand({ cluster: "promo", services: ["promo-web"] }),
  );
  return services![0]!;
};

/** What a deploy does: the running task definition, copied with the app's image replaced. */
async function registerWithImage(image: string) {
  const current = await service();
  const { taskDefinition } = await ecs.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: current.taskDefinition }),
  );
  const copy = copyable(taskDefinition!);
  copy.containerDefinitions = copy.containerDefinitions!.map((container) =>
    container.name === "app" ? { ...container, image } : container,
  );
  const registered = await ecs.send(new RegisterTaskDefinitionCommand(copy));
  return registered.taskDefinition!;
}

// The SDK sends only RegisterTaskDefinition's members, so a described revision can be passed
// back as it is; its read-only fields (revision, status, …) are left out on the way.
const copyable = (definition: TaskDefinition) =>
  ({ ...definition }) as RegisterTaskDefinitionCommandInput;

async function deploy(image: string) {
  const definition = await registerWithImage(image);
  const { service: updated } = await ecs.send(
    new UpdateServiceCommand({
      cluster: "promo",
      service: "promo-web",
      taskDefinition: definition.taskDefinitionArn,
    }),
  );
  return { definition, updated: updated! };
}

/** Moves the clock a step at a time, collecting the primary rollout state seen after each. */
async function watch(steps: number) {
  const seen: string[] = [];
  for (let i = 0; i < steps; i++) {
    clock += STEP_MS;
    const primary = (await service()).deployments![0]!;
    seen.push(`${primary.rolloutState} ${primary.runningCount}/${primary.desiredCount}`);
  }
  return seen;
}

describe("the ECS simulator through the official SDK", () => {
  it("starts with a settled service on a Fargate task definition", async () => {
    const settled = await service();
    expect(settled).toMatchObject({
      serviceName: "promo-web",
      status: "ACTIVE",
      desiredCount: 2,
      runningCount: 2,
      pendingCount: 0,
      taskDefinition: "arn:aws:ecs:eu-central-1:123456789012:task-definition/promo-web:1",
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    expect(settled.deployments).toHaveLength(1);
    expect(settled.deployments![0]).toMatchObject({ status: "PRIMARY", rolloutState: "COMPLETED" });
    expect(settled.deployments![0]!.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(settled.events![0]!.message).toBe("(service promo-web) has reached a steady state.");
    expect(settled.events![0]!.createdAt).toEqual(new Date(clock));

    const { taskDefinition } = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: "promo-web" }),
    );
    expect(taskDefinition).toMatchObject({
      family: "promo-web",
      revision: 1,
      status: "ACTIVE",
      networkMode: "awsvpc",
      cpu: "512",
      memory: "1024",
      requiresCompatibilities: ["FARGATE"],
    });
    expect(taskDefinition!.containerDefinitions!.map((c) => c.image)).toEqual([
      `${repository}:v1.0.0`,
      "public.ecr.aws/aws-otel-collector:v0.40",
    ]);
  });

  it("names missing clusters, services and task definitions as ECS does", async () => {
    await expect(
      ecs.send(new DescribeServicesCommand({ cluster: "nope", services: ["promo-web"] })),
    ).rejects.toBeInstanceOf(ClusterNotFoundException);
    const { services, failures } = await ecs.send(
      new DescribeServicesCommand({ cluster: "promo", services: ["nope"] }),
    );
    expect(services).toEqual([]);
    expect(failures).toEqual([
      { arn: "arn:aws:ecs:eu-central-1:123456789012:service/nope", reason: "MISSING" },
    ]);
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster: "promo", service: "nope" })),
    ).rejects.toBeInstanceOf(ServiceNotFoundException);
    await expect(
      ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "promo-web:9" })),
    ).rejects.toMatchObject({ name: "ClientException" });
    await expect(
      ecs.send(
        new UpdateServiceCommand({
          cluster: "arn:aws:ecs:eu-central-1:123456789012:cluster/promo",
          service: "promo-web",
          taskDefinition: "promo-web:9",
        }),
      ),
    ).rejects.toMatchObject({ name: "ClientException", message: "TaskDefinition not found." });
  });

  it("registers revisions and refuses a Fargate task without cpu", async () => {
    const second = await registerWithImage(`${repository}:v1.1.0`);
    expect(second).toMatchObject({ family: "promo-web", revision: 2 });
    expect(second.containerDefinitions![0]).toMatchObject({
      name: "app",
      image: `${repository}:v1.1.0`,
      healthCheck: { command: ["CMD-SHELL", expect.stringContaining("/api/health")] },
    });
    const { taskDefinition } = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: "promo-web" }),
    );
    expect(taskDefinition!.revision).toBe(2);

    const withoutCpu = { ...copyable(taskDefinition!), cpu: undefined };
    await expect(ecs.send(new RegisterTaskDefinitionCommand(withoutCpu))).rejects.toMatchObject({
      name: "ClientException",
      message: "Fargate requires that 'cpu' be defined at the task level.",
    });
  });

  it("rolls a healthy image out step by step to COMPLETED, draining the old tasks", async () => {
    const before = await service();
    const { definition, updated } = await deploy(`${repository}:v1.1.0`);
    expect(updated.deployments!.map((d) => [d.status, d.rolloutState])).toEqual([
      ["PRIMARY", "IN_PROGRESS"],
      ["ACTIVE", "COMPLETED"],
    ]);
    expect(updated.taskDefinition).toBe(definition.taskDefinitionArn);

    expect(await watch(4)).toEqual([
      "IN_PROGRESS 0/2",
      "IN_PROGRESS 2/2",
      "COMPLETED 2/2",
      "COMPLETED 2/2",
    ]);
    const done = await service();
    expect(done.deployments).toHaveLength(1);
    expect(done.deployments![0]!.id).toBe(updated.deployments![0]!.id);
    expect(done).toMatchObject({ runningCount: 2, pendingCount: 0 });
    const id = updated.deployments![0]!.id;
    expect(
      done.events!.slice(0, 4).map((e) => (e.message ?? "").replace(/\(task \w+\)/g, "(task …)")),
    ).toEqual([
      "(service promo-web) has reached a steady state.",
      `(service promo-web) (deployment ${id}) deployment completed.`,
      "(service promo-web) has stopped 2 running tasks: (task …) (task …).",
      "(service promo-web) has started 2 tasks: (task …) (task …).",
    ]);
    expect(done.events!.length).toBe(before.events!.length + 4);
  });

  it("lets the circuit breaker fail a broken image and roll back to the last completed deployment", async () => {
    const before = await service();
    const { updated } = await deploy(`${repository}:v2-broken`);
    const failedId = updated.deployments![0]!.id;
    clock += 4 * STEP_MS;
    const failed = await service();
    expect(failed.deployments!.map((d) => [d.status, d.rolloutState, d.taskDefinition])).toEqual([
      ["PRIMARY", "IN_PROGRESS", before.taskDefinition],
      ["ACTIVE", "FAILED", updated.taskDefinition],
      ["ACTIVE", "COMPLETED", before.taskDefinition],
    ]);
    expect(failed.deployments![1]).toMatchObject({
      failedTasks: 4,
      rolloutStateReason: "ECS deployment circuit breaker: tasks failed to start.",
    });
    const messages = failed.events!.map((e) => e.message);
    expect(messages[0]).toBe(
      `(service promo-web) rolling back to deployment ${before.deployments![0]!.id}.`,
    );
    expect(messages[1]).toBe(
      `(service promo-web) (deployment ${failedId}) deployment failed: tasks failed to start.`,
    );
    expect(messages.filter((m) => m?.endsWith("failed container health checks."))).toHaveLength(4);

    clock += 3 * STEP_MS;
    const rolledBack = await service();
    expect(rolledBack.deployments).toHaveLength(1);
    expect(rolledBack.deployments![0]).toMatchObject({
      status: "PRIMARY",
      rolloutState: "COMPLETED",
      taskDefinition: before.taskDefinition,
    });
    expect(rolledBack.taskDefinition).toBe(before.taskDefinition);
    expect(rolledBack.events![0]!.message).toBe("(service promo-web) has reached a steady state.");
  });

  it("answers under a mount prefix, and refuses what ECS would refuse at the door", async () => {
    const mounted = new ECSClient({
      region: "eu-central-1",
      endpoint: `${server.url}/sandbox/ecs`,
      credentials,
    });
    const { services } = await mounted.send(
      new DescribeServicesCommand({ cluster: "promo", services: ["promo-web"] }),
    );
    expect(services![0]!.serviceName).toBe("promo-web");

    const elsewhere = new ECSClient({ region: "us-east-1", endpoint: server.url, credentials });
    await expect(
      elsewhere.send(new DescribeServicesCommand({ cluster: "promo", services: ["promo-web"] })),
    ).rejects.toMatchObject({ name: "InvalidSignatureException" });
    await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: "UnknownOperationException",
    });
    const unsigned = await fetch(server.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AmazonEC2ContainerServiceV20141113.DescribeServices",
      },
      body: "{}",
    });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ __type: "MissingAuthenticationTokenException" });
    expect(simulator.calls().map((call) => call.operation)).toEqual(["DescribeServices"]);
  });

  it("keeps its services and task definitions across save and load", async () => {
    await deploy(`${repository}:v1.1.0`);
    const saved = simulator.save();
    simulator = createEcsSimulator({ stepMs: STEP_MS, now: () => clock });
    simulator.load(saved);
    clock += 3 * STEP_MS;
    expect((await service()).deployments![0]).toMatchObject({
      rolloutState: "COMPLETED",
      taskDefinition: "arn:aws:ecs:eu-central-1:123456789012:task-definition/promo-web:2",
    });
  });
});
