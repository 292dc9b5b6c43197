import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEALTH_CHECK_COMMAND } from "@/infra/lib/app-container";
import { readDockerfile } from "./dockerfile";

// The Dockerfile cannot be built here (no Docker engine), so these tests read it and check what
// an operator would notice: a different build than CI's, a root process, no health check, a
// runtime image carrying the build tools.

const dockerfile = readDockerfile();
const { stages, build, runtime, argsOf } = dockerfile;
const read = (file: string) => readFileSync(file, "utf8");
const packageJson = JSON.parse(read("package.json")) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
const healthCheckCommand = () => dockerfile.execCommand("HEALTHCHECK");

describe("the Dockerfile", () => {
  it("builds in one stage and runs in a slim Node 24 stage, the Node CI tests on", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(argsOf(runtime, "FROM")[0]).toMatch(/^node:24-(slim|alpine)\b/);
    expect(argsOf(build, "FROM")[0]).toMatch(/^node:24-(slim|alpine)\b/);
    // npm scripts (tests, build, e2e) run the binary of the `node` devDependency.
    expect(packageJson.devDependencies.node).toMatch(/^\^?24\./);
  });

  it("builds with a clean install and the same build script CI runs", () => {
    const runs = argsOf(build, "RUN");
    expect(runs).toContain("npm ci");
    expect(runs).toContain("npm run build");
    expect(runs.indexOf("npm ci")).toBeLessThan(runs.indexOf("npm run build"));
    // The one assemble script CI also runs (via `npm run build` in test:e2e).
    expect(packageJson.scripts.build).toBe("next build && node scripts/assemble-standalone.mjs");
    // patch-package runs on install and needs the patches.
    expect(argsOf(build, "COPY").some((copy) => /\bpatches\b/.test(copy))).toBe(true);
  });

  it("ships only the standalone bundle into the runtime image", () => {
    const copies = argsOf(runtime, "COPY");
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies)
      expect(copy).toMatch(/--from=build\b.*\s\/app\/\.next\/standalone\s/);
    expect(argsOf(runtime, "RUN").join(" ")).not.toMatch(/npm (ci|install)/);
  });

  it("runs as an unprivileged user", () => {
    const users = argsOf(runtime, "USER");
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const keywords = runtime.map(({ keyword }) => keyword);
    expect(keywords.lastIndexOf("USER")).toBeLessThan(keywords.indexOf("CMD"));
  });

  it("listens on all interfaces on port 3000 in production mode", () => {
    expect(dockerfile.runtimeEnv()).toMatchObject({
      HOSTNAME: "0.0.0.0",
      PORT: "3000",
      NODE_ENV: "production",
    });
    expect(dockerfile.execCommand("CMD")).toEqual(["node", "server.js"]);
  });

  it("exposes the build's commit and time as APP_GIT_SHA and APP_BUILD_TIME", () => {
    const declared = argsOf(runtime, "ARG").map((arg) => arg.split("=")[0]);
    expect(declared).toEqual(expect.arrayContaining(["GIT_SHA", "BUILD_TIME"]));
    const env = argsOf(runtime, "ENV").join(" ");
    expect(env).toMatch(/\bAPP_GIT_SHA=\$\{?GIT_SHA\}?(\s|$)/);
    expect(env).toMatch(/\bAPP_BUILD_TIME=\$\{?BUILD_TIME\}?(\s|$)/);
  });

  it("checks its health on /api/health with Node, as the ECS task definition does", () => {
    const command = healthCheckCommand();
    expect(command[0]).toBe("node");
    expect(command.join(" ")).toContain("/api/health");
    expect(command).toEqual(HEALTH_CHECK_COMMAND);
  });

  it("keeps dependencies, build output, local data and CDK output out of the build context", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((line) => line.trim());
    for (const entry of [
      ".git",
      "node_modules",
      ".next",
      ".data",
      "test-results",
      "infra/cdk.out",
    ]) {
      expect(ignored, entry).toContain(entry);
    }
  });
});

describe("the health check command", () => {
  let server: Server;
  let status = 200;
  let port = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.statusCode = request.url === "/api/health" ? status : 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const probe = (port: number) =>
    new Promise<number | null>((resolve) => {
      const [command, ...rest] = healthCheckCommand();
      expect(command).toBe("node");
      spawn(process.execPath, rest, {
        env: { ...process.env, PORT: String(port) },
        stdio: "ignore",
      }).on("exit", resolve);
    });

  it("succeeds while the app is ready and fails while it answers 503", async () => {
    status = 200;
    expect(await probe(port)).toBe(0);
    status = 503;
    expect(await probe(port)).toBe(1);
  });

  it("fails when nothing answers", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await probe(freePort)).toBe(1);
  });
});

describe("CI runs the bundle the container ships", () => {
  it("builds it with the same script before the end-to-end tests", () => {
    expect(packageJson.scripts["test:e2e"]).toMatch(/^npm run build && playwright test\b/);
    expect(read("scripts/test-all.sh")).toMatch(/npm run --silent test:e2e/);
    expect(read(".ci/run")).toMatch(/npm run test:all/);
  });

  it("starts .next/standalone/server.js and waits for /api/health", () => {
    const config = read("playwright.config.ts");
    expect(config).toMatch(/command: "node scripts\/start-standalone\.mjs"/);
    expect(config).toMatch(/url: `\$\{baseURL\}\/api\/health`/);
    expect(read("scripts/start-standalone.mjs")).toMatch(
      /path\.resolve\("\.next\/standalone\/server\.js"\)[\s\S]*await import\(server\)/,
    );
  });
});
