import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createEcsSimulator, DEFAULT_ECS_SERVICE } from "@/sandbox/ecs/simulator";
import { migratedTestDatabaseUrl } from "@/test/database";

const simulator = createEcsSimulator({ stepMs: 300 });
const repository = DEFAULT_ECS_SERVICE.image.replace(/:[^:]+$/, "");
let server: ServedHandler;
let databaseUrl: string;

beforeAll(async () => {
  server = await serveFetchHandler(simulator.handle);
  databaseUrl = await migratedTestDatabaseUrl("deploy_script");
});
afterAll(() => server.close());

/** Runs `npm run deploy -- …` (without npm and tsx's wrappers) configured by its settings. */
function deploy(...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/deploy.ts", ...args, "--interval", "0.2"],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        ECS_CLUSTER: DEFAULT_ECS_SERVICE.cluster,
        ECS_SERVICE: DEFAULT_ECS_SERVICE.service,
        DEPLOY_IMAGE_REPOSITORY: repository,
        ECS_ENDPOINT: server.url,
        // The SDK's default chain finds these, as it finds the task role's in ECS.
        AWS_ACCESS_KEY_ID: "AKIDSCRIPTTEST",
        AWS_SECRET_ACCESS_KEY: "script-test-secret",
      },
    },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

it("`npm run deploy -- --tag` prints the rollout until it completed, and exits 0", async () => {
  const { code, output } = await deploy("--tag", "v1.1.0");
  expect(output).toContain(`deploying ${repository}:v1.0.0 → ${repository}:v1.1.0`);
  expect(output).toMatch(/has started 2 tasks/);
  expect(output).toMatch(/rollout COMPLETED: 2 desired, 2 running, 0 pending/);
  expect(output).toMatch(/Completed\.\n$/);
  expect(code).toBe(0);
}, 60_000);

it("exits 1 when the tag is rolled back, and when it is refused", async () => {
  const broken = await deploy("--tag", "v1.2-broken");
  expect(broken.output).toMatch(/rolling back to deployment ecs-svc\//);
  expect(broken.output).toMatch(
    /Rolled back: ECS deployment circuit breaker: tasks failed to start\.\n$/,
  );
  expect(broken.code).toBe(1);

  const refused = await deploy("--tag=-nope");
  expect(refused.output).toMatch(/That is not a Docker tag/);
  expect(refused.code).toBe(1);
}, 60_000);
