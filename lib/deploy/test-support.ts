import { afterAll, beforeAll, beforeEach } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import { deployments } from "@/db/schema/deploy";
import { auditLog } from "@/db/schema/platform";
import { users, type User } from "@/db/schema/users";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createEcsSimulator, type EcsSimulator } from "@/sandbox/ecs/simulator";
import { migratedTestDatabase } from "@/test/database";
import { deployRefusalOf } from "./start-deploy";
import { isAppError } from "@/lib/platform/app-error";
import { createEcsTarget, type EcsTarget } from "./ecs-target";

// Shared by the deploy tests: a database with an admin and a seller, and an ECS simulator
// (fresh for each test) running promo-web on v1.0.0, behind a network that can refuse calls.

export const STEP_MS = 1000;
export const repository = "123456789012.dkr.ecr.eu-central-1.amazonaws.com/promo-bot";
const otel = { name: "otel", image: "public.ecr.aws/aws-otel-collector:v0.40", essential: false };

let connection: DatabaseConnection;
export let admin: User;
export let seller: User;
let server: ServedHandler;
export let simulator: EcsSimulator;
let clock = 0;
/** Stands in for a network that refuses some calls (AWS permissions, an outage). */
let refuse: string | undefined;
export let target: EcsTarget;

export const db = () => connection.db;
export const asAdmin = () => ({ user: admin });
export const targetFor = (overrides: { cluster?: string; imageRepository?: string } = {}) =>
  createEcsTarget({
    region: "eu-central-1",
    endpoint: server.url,
    cluster: "promo",
    service: "promo-web",
    imageRepository: repository,
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" },
    ...overrides,
  });

/** From now on the network refuses `operation` (AWS permissions, an outage); undefined: none. */
export function refuseCalls(operation: string | undefined): void {
  refuse = operation;
}

/** Registers the hooks that set all of this up, in a database of the given name. */
export function setUpDeployTestbed(databaseName: string): void {
  beforeAll(async () => {
    connection = await migratedTestDatabase(databaseName);
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
}

export const later = (steps: number) => {
  clock += steps * STEP_MS;
};
export const audit = () =>
  db()
    .select({ action: auditLog.action, actor: auditLog.actorUserId, data: auditLog.data })
    .from(auditLog)
    .orderBy(auditLog.id);
export const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error) => (isAppError(error) ? deployRefusalOf(error) : `unexpected: ${error}`),
  );
